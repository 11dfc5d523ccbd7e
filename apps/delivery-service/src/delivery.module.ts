import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@hookbus/platform';
import type { DeliveryEnv } from './delivery-env';
import { EventDispatcher } from './event-dispatcher';
import { EventsConsumer } from './events.consumer';
import { SubscriptionViewModule } from './subscriptions/subscription-view.module';
import { SubscriptionViewReadiness } from './subscriptions/subscription-view.readiness';

@Module({})
export class DeliveryModule {
  static forRoot(env: DeliveryEnv): DynamicModule {
    return {
      module: DeliveryModule,
      imports: [
        PlatformModule.forRoot({ name: 'delivery-service', env, readiness: [SubscriptionViewReadiness] }),
        SubscriptionViewModule,
      ],
      controllers: [EventsConsumer],
      providers: [EventDispatcher],
    };
  }
}

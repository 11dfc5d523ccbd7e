import { type DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { DEFAULT_ENDPOINT_FLOW, EndpointGates, SubscriptionPacer } from '@hookbus/delivery-transport';
import { OperatorAuthModule, PlatformModule, type SecretBox } from '@hookbus/platform';
import { observeEndpoints } from './delivery/delivery-metrics';
import { AttemptExecutor } from './delivery/attempt.executor';
import { DeliveryBudget } from './delivery/delivery-budget';
import { DeliveryPublisher } from './delivery/delivery.publisher';
import { DeliverySender } from './delivery/delivery-sender';
import { SECRET_BOX } from './delivery/delivery-tokens';
import { ScheduledDelivery } from './delivery/scheduled-delivery';
import type { DeliveryEnv } from './delivery-env';
import { EventDispatcher } from './event-dispatcher';
import { EventsConsumer } from './events.consumer';
import { PLUGIN_MODULES } from './plugins/available-plugins';
import { discoverPlugins } from './plugins/plugin-explorer';
import { PluginRegistry } from './plugins/plugin-registry';
import { RetriesConsumer } from './retries/retries.consumer';
import { RetryHandler } from './retries/retry.handler';
import { SubscriptionViewModule } from './subscriptions/subscription-view.module';
import { SubscriptionViewReadiness } from './subscriptions/subscription-view.readiness';

export interface DeliverySecrets {
  /** Opens what config-service sealed: HOOKBUS_SECRET_KEY (env, else `.data/secret-key`) and the previous keys. */
  readonly secretBox: SecretBox;
  /** HOOKBUS_ADMIN_TOKEN (else `.data/admin-token`): guards the ops view. */
  readonly operatorToken: string;
}

@Module({})
export class DeliveryModule {
  static forRoot(env: DeliveryEnv, secrets: DeliverySecrets): DynamicModule {
    return {
      module: DeliveryModule,
      imports: [
        PlatformModule.forRoot({ name: 'delivery-service', env, readiness: [SubscriptionViewReadiness], kafka: { publishLingerMs: env.DELIVERY_PUBLISH_LINGER_MS, publishLingerBelow: env.DELIVERY_MAX_IN_FLIGHT } }),
        OperatorAuthModule.forRoot(secrets.operatorToken),
        SubscriptionViewModule,
        DiscoveryModule,
        // One deployment per vendor is possible: only the plugins named in DELIVERY_PLUGINS load.
        ...env.DELIVERY_PLUGINS.map((vendor) => PLUGIN_MODULES[vendor]),
      ],
      controllers: [EventsConsumer, RetriesConsumer],
      providers: [
        { provide: SECRET_BOX, useValue: secrets.secretBox },
        { provide: PluginRegistry, useFactory: discoverPlugins, inject: [DiscoveryService] },
        {
          provide: DeliverySender,
          useFactory: () => new DeliverySender({ egressAllow: env.HOOKBUS_EGRESS_ALLOW, connectionsPerOrigin: env.DELIVERY_MAX_PER_ENDPOINT }),
        },
        // Shared by first attempts and retries: an endpoint's flow control is one, whatever the source.
        {
          provide: EndpointGates,
          useFactory: () => {
            const circuit = { ...DEFAULT_ENDPOINT_FLOW.circuit, failures: env.DELIVERY_CIRCUIT_FAILURES, coolDownMs: env.DELIVERY_CIRCUIT_COOL_DOWN_SECONDS * 1_000 };
            const gates = new EndpointGates({ ...DEFAULT_ENDPOINT_FLOW, maxConcurrency: env.DELIVERY_MAX_PER_ENDPOINT, circuit });
            observeEndpoints(gates);
            return gates;
          },
        },
        { provide: SubscriptionPacer, useValue: new SubscriptionPacer() },
        { provide: DeliveryBudget, useValue: new DeliveryBudget(env.DELIVERY_MAX_DELIVERIES_IN_FLIGHT) },
        DeliveryPublisher,
        AttemptExecutor,
        ScheduledDelivery,
        EventDispatcher,
        RetryHandler,
      ],
    };
  }
}

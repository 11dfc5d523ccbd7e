import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@hookbus/platform';
import { ApiKeyViewModule } from './auth/api-key-view.module';
import { ApiKeyViewReadiness } from './auth/api-key-view.readiness';
import { ProducerAuthGuard } from './auth/producer-auth.guard';
import { EventPublisher } from './event-publisher';
import { EventsController } from './events.controller';
import { BODY_LIMIT_BYTES, EventsFastLane } from './events-fast-lane';
import { bodyLimitBytes, type IngestEnv } from './ingest-env';

@Module({})
export class IngestModule {
  static forRoot(env: IngestEnv): DynamicModule {
    return {
      module: IngestModule,
      imports: [PlatformModule.forRoot({ name: 'ingest-service', env, readiness: [ApiKeyViewReadiness] }), ApiKeyViewModule],
      controllers: [EventsController],
      providers: [EventPublisher, ProducerAuthGuard, EventsFastLane, { provide: BODY_LIMIT_BYTES, useValue: bodyLimitBytes(env.INGEST_BODY_LIMIT) }],
    };
  }
}

import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@hookbus/platform';
import { EventPublisher } from './event-publisher';
import { EventsController } from './events.controller';
import type { IngestEnv } from './ingest-env';

@Module({})
export class IngestModule {
  static forRoot(env: IngestEnv): DynamicModule {
    return {
      module: IngestModule,
      imports: [PlatformModule.forRoot({ name: 'ingest-service', env })],
      controllers: [EventsController],
      providers: [EventPublisher],
    };
  }
}

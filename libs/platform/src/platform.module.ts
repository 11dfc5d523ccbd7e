import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { ConsumerReadiness, KafkaModule, type KafkaOptions, KafkaReadiness } from '@hookbus/kafka';
import { ConsumerGroupMetrics } from './consumer-group-metrics';
import type { CommonEnv } from './env';
import { HealthModule } from './health.module';
import { MetricsModule } from './metrics';
import { QuarantineMetrics } from './quarantine-metrics';
import type { ReadinessCheck } from './readiness-check';

export interface PlatformOptions {
  readonly name: string;
  readonly env: CommonEnv;
  /** Readiness checks beyond Kafka (e.g. the database); they must be provided by the app. */
  readonly readiness?: readonly Type<ReadinessCheck>[];
  /** How this service's bus publishes (see KafkaOptions). */
  readonly kafka?: Pick<KafkaOptions, 'publishLingerMs' | 'publishLingerBelow'>;
}

/** What every hookbus service has: the Kafka bus, `/health/*` and `/metrics`. */
@Module({})
export class PlatformModule {
  static forRoot({ name, env, readiness = [], kafka }: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      imports: [KafkaModule.fromEnv(name, env, kafka), HealthModule.forRoot([KafkaReadiness, ConsumerReadiness, ...readiness]), MetricsModule],
      providers: [ConsumerGroupMetrics, QuarantineMetrics],
    };
  }
}

import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { KafkaBus } from './kafka-bus';
import type { KafkaOptions } from './kafka-options';
import { ConsumerReadiness } from './consumer.readiness';
import { KafkaReadiness } from './kafka.readiness';

/** The Kafka settings every service reads from its validated environment. */
export interface KafkaEnv {
  readonly KAFKA_BROKERS: readonly string[];
  readonly KAFKA_TOPIC_PREFIX: string;
  readonly KAFKA_REPLICATION_FACTOR: number;
  readonly KAFKA_SESSION_TIMEOUT_MS: number;
  readonly KAFKA_HEARTBEAT_INTERVAL_MS: number;
}

/**
 * Provides the process's single KafkaBus. At start it creates any missing contract topic; at
 * shutdown it drains consumers and disconnects.
 */
@Global()
@Module({})
export class KafkaModule implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(KafkaBus) private readonly bus: KafkaBus) {}

  static forRoot(options: KafkaOptions & { replicationFactor?: number }): DynamicModule {
    return {
      module: KafkaModule,
      providers: [{ provide: KafkaBus, useFactory: () => new KafkaBus(options) }, KafkaReadiness, ConsumerReadiness],
      exports: [KafkaBus, KafkaReadiness, ConsumerReadiness],
    };
  }

  static fromEnv(clientId: string, env: KafkaEnv, tuning: Pick<KafkaOptions, 'publishLingerMs' | 'publishLingerBelow'> = {}): DynamicModule {
    return KafkaModule.forRoot({
      ...tuning,
      clientId,
      brokers: env.KAFKA_BROKERS,
      topicPrefix: env.KAFKA_TOPIC_PREFIX,
      replicationFactor: env.KAFKA_REPLICATION_FACTOR,
      sessionTimeoutMs: env.KAFKA_SESSION_TIMEOUT_MS,
      heartbeatIntervalMs: env.KAFKA_HEARTBEAT_INTERVAL_MS,
    });
  }

  async onModuleInit(): Promise<void> {
    await this.bus.ensureTopics();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.bus.disconnect();
  }
}

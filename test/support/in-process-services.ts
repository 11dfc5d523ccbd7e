import type { INestApplication } from '@nestjs/common';
import { KafkaBus, KafkaTransport } from '@hookbus/kafka';
import { loadEnv, startService } from '@hookbus/platform';
import { testBrokers, uniqueGroup } from '@hookbus/testing';
import { deliveryEnvSchema } from '../../apps/delivery-service/src/delivery-env';
import { DeliveryModule } from '../../apps/delivery-service/src/delivery.module';
import { ingestEnvSchema } from '../../apps/ingest-service/src/ingest-env';
import { IngestModule } from '../../apps/ingest-service/src/ingest.module';

/** The environment of a service under test: the test broker, a private topic prefix, any free port. */
const testEnv = (topicPrefix: string, extra: Record<string, string> = {}) => ({
  KAFKA_BROKERS: testBrokers().join(','),
  KAFKA_TOPIC_PREFIX: topicPrefix,
  PORT: '0',
  LOG_LEVEL: 'warn',
  ...extra,
});

export async function startIngest(topicPrefix: string): Promise<INestApplication> {
  const env = loadEnv(ingestEnvSchema, testEnv(topicPrefix));
  return startService({ name: 'ingest-service', module: IngestModule.forRoot(env), env });
}

export async function startDelivery(topicPrefix: string): Promise<INestApplication> {
  const env = loadEnv(deliveryEnvSchema, testEnv(topicPrefix, { KAFKA_GROUP_ID: uniqueGroup('delivery') }));
  return startService({
    name: 'delivery-service',
    module: DeliveryModule.forRoot(env),
    env,
    transport: (app) => new KafkaTransport(app.get(KafkaBus), { groupId: env.KAFKA_GROUP_ID, retryDelayMs: 10 }),
  });
}

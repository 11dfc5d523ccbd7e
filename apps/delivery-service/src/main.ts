import 'reflect-metadata';
import { setFlagsFromString } from 'node:v8';
import { Topics } from '@hookbus/contracts';
import { KafkaBus } from '@hookbus/kafka';
import { loadEnv, operatorTokenFromEnv, runMain, secretBoxFromEnv, startService } from '@hookbus/platform';
import { deliveryEnvSchema } from './delivery-env';
import { DeliveryModule } from './delivery.module';
import { GatedKafkaTransport } from './gated-kafka.transport';
import { SubscriptionView } from './subscriptions/subscription-view';

/**
 * How much the old generation may grow beyond what survived the last full GC before the next one
 * (V8 picks up to 300 % when a process allocates fast). delivery-service keeps ~40 MB live: at 30 %
 * its peak RSS draining a 30,000-event backlog fell from ~250 to ~180 MB at the same throughput.
 * Not for every service: ingest-service's batch parsing lost a third of its rate to the extra GCs.
 */
setFlagsFromString('--heap-growing-percent=30');

runMain('delivery-service', async () => {
  const env = loadEnv(deliveryEnvSchema);
  await startService({
    name: 'delivery-service',
    module: DeliveryModule.forRoot(env, { secretBox: secretBoxFromEnv(env), operatorToken: operatorTokenFromEnv(env) }),
    env,
    transport: (app) => {
      const view = app.get(SubscriptionView);
      // The default ordering key (the message key, `tenantId:subject` for events) keeps a subject's order.
      // Retries come in bursts (a paced run releases a whole batch at once): a lane of their own
      // keeps a burst from holding up fresh events.
      const lanes = { [Topics.retries.name]: { groupId: `${env.KAFKA_GROUP_ID}.retries`, maxInFlight: env.DELIVERY_RETRY_MAX_IN_FLIGHT } };
      return new GatedKafkaTransport(app.get(KafkaBus), { groupId: env.KAFKA_GROUP_ID, maxInFlight: env.DELIVERY_MAX_IN_FLIGHT, lanes }, () => view.caughtUp());
    },
  });
});

import 'reflect-metadata';
import { KafkaBus } from '@hookbus/kafka';
import { loadEnv, runMain, startService } from '@hookbus/platform';
import { deliveryEnvSchema } from './delivery-env';
import { DeliveryModule } from './delivery.module';
import { GatedKafkaTransport } from './gated-kafka.transport';
import { SubscriptionView } from './subscriptions/subscription-view';

runMain('delivery-service', async () => {
  const env = loadEnv(deliveryEnvSchema);
  await startService({
    name: 'delivery-service',
    module: DeliveryModule.forRoot(env),
    env,
    transport: (app) => {
      const view = app.get(SubscriptionView);
      return new GatedKafkaTransport(app.get(KafkaBus), { groupId: env.KAFKA_GROUP_ID }, () => view.caughtUp());
    },
  });
});

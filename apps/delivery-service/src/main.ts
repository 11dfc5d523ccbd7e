import 'reflect-metadata';
import { KafkaBus, KafkaTransport } from '@hookbus/kafka';
import { loadEnv, runMain, startService } from '@hookbus/platform';
import { deliveryEnvSchema } from './delivery-env';
import { DeliveryModule } from './delivery.module';

runMain('delivery-service', async () => {
  const env = loadEnv(deliveryEnvSchema);
  await startService({
    name: 'delivery-service',
    module: DeliveryModule.forRoot(env),
    env,
    transport: (app) => new KafkaTransport(app.get(KafkaBus), { groupId: env.KAFKA_GROUP_ID }),
  });
});

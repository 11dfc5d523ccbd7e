import 'reflect-metadata';
import { KafkaBus, KafkaTransport } from '@hookbus/kafka';
import { loadEnv, runMain, startService } from '@hookbus/platform';
import { notifierEnvSchema } from './notifier-env';
import { NotifierModule } from './notifier.module';

runMain('notifier-service', async () => {
  const env = loadEnv(notifierEnvSchema);
  await startService({
    name: 'notifier-service',
    module: NotifierModule.forRoot(env),
    env,
    // An SMTP or database outage is retried for a while before a notification is quarantined.
    transport: (app) => new KafkaTransport(app.get(KafkaBus), { groupId: env.KAFKA_GROUP_ID, maxAttempts: 10, retryDelayMs: 500 }),
  });
});

import 'reflect-metadata';
import { KafkaBus, KafkaTransport } from '@hookbus/kafka';
import { loadEnv, runMain, startService } from '@hookbus/platform';
import { notifierEnvSchema } from './notifier-env';
import { NotifierModule } from './notifier.module';

/** A day of attempts at the consumer's 5 s backoff cap. */
const OUTAGE_ATTEMPTS = 17_280;

runMain('notifier-service', async () => {
  const env = loadEnv(notifierEnvSchema);
  await startService({
    name: 'notifier-service',
    module: NotifierModule.forRoot(env),
    env,
    // An SMTP or database outage holds the notification (retried every 5 s at most, for a day)
    // rather than quarantining it; a message the SMTP server rejects for good is quarantined at once.
    transport: (app) => new KafkaTransport(app.get(KafkaBus), { groupId: env.KAFKA_GROUP_ID, maxAttempts: OUTAGE_ATTEMPTS, retryDelayMs: 500 }),
  });
});

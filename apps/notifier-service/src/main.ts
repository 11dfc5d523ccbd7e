import 'reflect-metadata';
import { KafkaBus, KafkaTransport } from '@hookbus/kafka';
import { DatabaseReadiness } from '@hookbus/persistence';
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
    // A database or broker outage, or an SMTP server that refuses connections, holds the notification
    // for as long as it lasts; other SMTP failures are retried every 5 s at most, for a day, rather
    // than quarantined; a message the SMTP server rejects for good is quarantined at once.
    transport: (app) =>
      new KafkaTransport(app.get(KafkaBus), { groupId: env.KAFKA_GROUP_ID, maxAttempts: OUTAGE_ATTEMPTS, retryDelayMs: 500, probes: [app.get(DatabaseReadiness)] }),
  });
});

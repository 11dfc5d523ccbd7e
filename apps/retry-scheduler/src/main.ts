import 'reflect-metadata';
import { KafkaBus, KafkaTransport } from '@hookbus/kafka';
import { DatabaseReadiness } from '@hookbus/persistence';
import { loadEnv, operatorTokenFromEnv, runMain, startService } from '@hookbus/platform';
import { DEAD_LETTERS_FETCH_GATHER_MS, DEAD_LETTERS_IN_FLIGHT } from './intake/dead-letters.consumer';
import { retrySchedulerEnvSchema } from './retry-scheduler-env';
import { RetrySchedulerModule } from './retry-scheduler.module';

runMain('retry-scheduler', async () => {
  const env = loadEnv(retrySchedulerEnvSchema);
  await startService({
    name: 'retry-scheduler',
    module: RetrySchedulerModule.forRoot(env, operatorTokenFromEnv(env)),
    env,
    // Dead letters: a database outage is waited out (the probe tells it from a bad record). Many
    // are in flight together, so the store can group them.
    transport: (app) =>
      new KafkaTransport(app.get(KafkaBus), {
        groupId: env.KAFKA_GROUP_ID,
        maxAttempts: env.CONSUMER_MAX_ATTEMPTS,
        retryDelayMs: env.CONSUMER_RETRY_DELAY_MS,
        probes: [app.get(DatabaseReadiness)],
        maxInFlight: DEAD_LETTERS_IN_FLIGHT,
        fetchGatherMs: DEAD_LETTERS_FETCH_GATHER_MS,
      }),
  });
});

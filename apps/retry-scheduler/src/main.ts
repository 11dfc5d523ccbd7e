import 'reflect-metadata';
import { loadEnv, runMain, startService } from '@hookbus/platform';
import { retrySchedulerEnvSchema } from './retry-scheduler-env';
import { RetrySchedulerModule } from './retry-scheduler.module';

runMain('retry-scheduler', async () => {
  const env = loadEnv(retrySchedulerEnvSchema);
  await startService({ name: 'retry-scheduler', module: RetrySchedulerModule.forRoot(env), env });
});

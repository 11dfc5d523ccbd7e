import 'reflect-metadata';
import { loadEnv, runMain, startService } from '@hookbus/platform';
import { notifierEnvSchema } from './notifier-env';
import { NotifierModule } from './notifier.module';

runMain('notifier-service', async () => {
  const env = loadEnv(notifierEnvSchema);
  await startService({ name: 'notifier-service', module: NotifierModule.forRoot(env), env });
});

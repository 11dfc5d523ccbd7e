import 'reflect-metadata';
import { loadEnv, runMain, startService } from '@hookbus/platform';
import { configEnvSchema } from './config-env';
import { ConfigModule } from './config.module';

runMain('config-service', async () => {
  const env = loadEnv(configEnvSchema);
  await startService({ name: 'config-service', module: ConfigModule.forRoot(env), env });
});

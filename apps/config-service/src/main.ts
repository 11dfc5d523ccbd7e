import 'reflect-metadata';
import { envOrLocalSecret, loadEnv, runMain, startService } from '@hookbus/platform';
import { configEnvSchema } from './config-env';
import { ConfigModule } from './config.module';

runMain('config-service', async () => {
  const env = loadEnv(configEnvSchema);
  const secrets = {
    operatorToken: envOrLocalSecret(process.env, 'HOOKBUS_ADMIN_TOKEN', '.data/admin-token'),
    secretKey: envOrLocalSecret(process.env, 'HOOKBUS_SECRET_KEY', '.data/secret-key'),
  };
  await startService({ name: 'config-service', module: ConfigModule.forRoot(env, secrets), env, bodyLimit: env.CONFIG_BODY_LIMIT });
});

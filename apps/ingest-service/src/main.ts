import 'reflect-metadata';
import { loadEnv, runMain, startService } from '@hookbus/platform';
import { ingestEnvSchema } from './ingest-env';
import { IngestModule } from './ingest.module';

runMain('ingest-service', async () => {
  const env = loadEnv(ingestEnvSchema);
  await startService({
    name: 'ingest-service',
    module: IngestModule.forRoot(env),
    env,
    bodyLimit: env.INGEST_BODY_LIMIT,
    openApi: { title: 'hookbus ingest-service', description: 'Publish CloudEvents to the hookbus stream.' },
  });
});

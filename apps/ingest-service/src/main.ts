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
    // Each 202 lists new ids, so an ETag never matches: computing one costs a hash per answer and
    // turns the body into a Buffer that Express writes apart from the headers.
    configure: (app) => app.getHttpAdapter().getInstance().set('etag', false),
    openApi: { title: 'hookbus ingest-service', description: 'Publish CloudEvents to the hookbus stream.' },
  });
});

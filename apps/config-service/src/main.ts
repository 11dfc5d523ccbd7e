import 'reflect-metadata';
import path from 'node:path';
import { KafkaBus, KafkaTransport } from '@hookbus/kafka';
import { DatabaseReadiness } from '@hookbus/persistence';
import { loadEnv, operatorTokenFromEnv, runMain, secretBoxFromEnv, startService } from '@hookbus/platform';
import { configEnvSchema } from './config-env';
import { ConfigModule } from './config.module';
import { CONSOLE_PATH, consoleRouter } from './console/console-files';
import { CSRF_HEADER } from './sessions/csrf';
import { SESSION_COOKIE } from './sessions/session-cookie';

/**
 * Delivery log records handled at once (the same delivery's records stay in order): as many as
 * the log writer puts in one group, so a group can fill.
 */
const LOG_RECORDS_IN_FLIGHT = 500;
/** The log trails by the writer's linger anyway; fetching as often as records come costs CPU here and in the broker. */
const LOG_FETCH_GATHER_MS = 250;
/** The console's build beside this one: dist/apps/config-service/src → dist/apps/console. */
const BUILT_CONSOLE_DIR = path.resolve(__dirname, '../../console');

runMain('config-service', async () => {
  const env = loadEnv(configEnvSchema);
  const secrets = {
    operatorToken: operatorTokenFromEnv(env),
    secretBox: secretBoxFromEnv(env),
  };
  await startService({
    name: 'config-service',
    module: ConfigModule.forRoot(env, secrets),
    env,
    bodyLimit: env.CONFIG_BODY_LIMIT,
    openApi: {
      title: 'hookbus config-service',
      description: 'Tenants, API keys, subscriptions, notification channels and the delivery log.',
      sessionCookie: {
        name: SESSION_COOKIE,
        description: `The console's session (POST /v1/sessions). With it, requests other than GET, HEAD and OPTIONS need the header \`${CSRF_HEADER}: 1\`.`,
      },
    },
    configure: (app) => app.use(CONSOLE_PATH, consoleRouter(path.resolve(env.HOOKBUS_CONSOLE_DIR ?? BUILT_CONSOLE_DIR))),
    // The delivery log consumer: a database outage is waited out (the probe tells it from a bad
    // record). Records of different deliveries are in flight together, so the log writer can group them.
    transport: (app) =>
      new KafkaTransport(app.get(KafkaBus), {
        groupId: env.KAFKA_GROUP_ID,
        maxAttempts: env.CONSUMER_MAX_ATTEMPTS,
        retryDelayMs: env.CONSUMER_RETRY_DELAY_MS,
        probes: [app.get(DatabaseReadiness)],
        maxInFlight: LOG_RECORDS_IN_FLIGHT,
        fetchGatherMs: LOG_FETCH_GATHER_MS,
      }),
  });
});

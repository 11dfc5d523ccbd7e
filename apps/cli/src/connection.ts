import { HookbusClient, HttpCaller, IngestTransport } from '@hookbus/client';
import { type Credential, type Options, UsageError } from './cli-arguments';

/** The CloudEvents `source` of events published from the command line without `--source`. */
export const CLI_SOURCE = 'urn:hookbus:cli';

export const DEFAULT_CONFIG_URL = 'http://127.0.0.1:3001';
export const DEFAULT_INGEST_URL = 'http://127.0.0.1:3002';

/** Where the platform is and who calls it, from the options, else the environment. */
export interface Connection {
  readonly configUrl: string;
  readonly ingestUrl: string;
  readonly token: string;
  readonly attempts?: number;
}

/**
 * The credential a command sends: a producer key to publish, the operator token to create a
 * tenant, and for the rest the API key, else the operator token (which may manage keys).
 */
export function connectionOf(options: Options, env: NodeJS.ProcessEnv, credential: Credential): Connection {
  const key = options.key ?? env.HOOKBUS_KEY;
  const operator = options['admin-token'] ?? env.HOOKBUS_ADMIN_TOKEN;
  const token = { producer: key, operator, tenant: key ?? operator }[credential];
  if (!token) {
    throw new UsageError(
      {
        producer: 'publishing needs a producer key: --key or HOOKBUS_KEY',
        operator: 'this needs the operator token: --admin-token or HOOKBUS_ADMIN_TOKEN',
        tenant: 'this needs an API key (--key or HOOKBUS_KEY) or the operator token (--admin-token or HOOKBUS_ADMIN_TOKEN)',
      }[credential],
    );
  }
  return {
    configUrl: options['config-url'] ?? env.HOOKBUS_URL ?? DEFAULT_CONFIG_URL,
    ingestUrl: options['ingest-url'] ?? env.HOOKBUS_INGEST_URL ?? DEFAULT_INGEST_URL,
    token,
    attempts: attemptsOf(options.attempts),
  };
}

function attemptsOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`--attempts: must be a whole number of at least 1, not ${value}`);
  return Number(value);
}

/** config-service's API, with the command's credential. */
export const configApi = ({ configUrl, token, attempts }: Connection): HttpCaller => new HttpCaller({ url: configUrl, token, retry: { attempts } });

/** The producer client over ingest-service, with the command's key. */
export const publisher = ({ ingestUrl, token, attempts }: Connection, source = CLI_SOURCE): HookbusClient =>
  new HookbusClient({ source, transport: new IngestTransport({ url: ingestUrl, key: token, retry: { attempts } }) });

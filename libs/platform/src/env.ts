import { z } from 'zod';

/** Thrown at boot when the environment is unusable; the message names every bad variable. */
export class EnvValidationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid environment:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'EnvValidationError';
  }
}

/**
 * Parses `env` with `schema` and `commonEnvRules`; every problem names its variable, the rule and
 * the value received, except a secret's value (see `isSecretName`), which is never shown.
 */
export function loadEnv<S extends z.ZodType<object>>(schema: S, env: NodeJS.ProcessEnv = process.env): z.output<S> {
  const result = schema.superRefine(commonEnvRules).safeParse(env);
  if (result.success) return result.data;
  throw new EnvValidationError(
    result.error.issues.map((issue) => {
      const variable = String(issue.path[0]);
      const value = env[variable];
      const received =
        value === undefined ? 'it is not set' : isSecretName(variable) ? 'the value is not shown' : `got ${JSON.stringify(redactCredentials(value))}`;
      return `${variable}: ${issue.message} (${received})`;
    }),
  );
}

/** A variable whose name says it holds a secret (TOKEN, KEY, SECRET or PASSWORD): its value is never printed. */
export const isSecretName = (variable: string): boolean => /TOKEN|KEY|SECRET|PASSWORD/i.test(variable);

// A malformed URL may still carry a password; boot errors end up in logs.
const redactCredentials = (value: string): string => value.replace(/(\/\/[^/:@\s]*):[^@\s]*@/g, '$1:***@');

// Shorter values would replace innocent words; every secret hookbus takes is longer.
const MIN_REDACTED_LENGTH = 8;

/**
 * `text` without the values of secret-named variables of `env` (each item of a comma-separated
 * list too) or passwords in URLs: for errors that may quote them, such as a failed start.
 */
export function redactSecrets(text: string, env: NodeJS.ProcessEnv = process.env): string {
  let redacted = redactCredentials(text);
  for (const [variable, value] of Object.entries(env)) {
    if (!value || !isSecretName(variable)) continue;
    for (const secret of [value, ...value.split(',')].map((item) => item.trim())) {
      if (secret.length >= MIN_REDACTED_LENGTH) redacted = redacted.split(secret).join(`<${variable}>`);
    }
  }
  return redacted;
}

const PLACEHOLDER = /^(?:change[-_]?me|secret|password|example)/i;

/** A secret variable's value, trimmed: one a template or sample ships with is refused. */
export const secretString = () =>
  z
    .string()
    .trim()
    .refine(
      (value) => !PLACEHOLDER.test(value),
      'must not be a placeholder (a value starting with change-me, changeme, secret, password or example): set a random one, e.g. `openssl rand -base64 32`',
    );

/** An integer variable within bounds, given as a decimal string. */
export const intVar = (min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .default(String(fallback))
    .transform(Number)
    .pipe(z.int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const hostPort = /^[A-Za-z0-9.\-[\]:]+:\d{1,5}$/;

/**
 * The niceness background services (the control plane, the delay queue, the notifier) run at by
 * default: on a host they share with delivery-service, live deliveries get the CPU first.
 */
export const BACKGROUND_NICE = 10;

/** Variables every service reads: where it listens, how it reaches Kafka, how it shares the CPU. */
export const commonEnv = (defaultPort: number, defaultNice = 0) => ({
  PORT: intVar(0, 65_535, defaultPort),
  HOST: z.string().min(1).default('127.0.0.1'),
  KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:9092')
    .transform((value) => value.split(',').map((broker) => broker.trim()))
    .pipe(z.array(z.string().regex(hostPort, 'each broker must be host:port')).min(1)),
  KAFKA_TOPIC_PREFIX: z.string().regex(/^[A-Za-z0-9._-]*$/, 'may hold only letters, digits, ".", "_" and "-"').default(''),
  KAFKA_REPLICATION_FACTOR: intVar(1, 7, 1),
  /**
   * How long a crashed instance's partitions wait before the group hands them to the others; a
   * live instance heartbeats every KAFKA_HEARTBEAT_INTERVAL_MS, at most a third of it (see
   * `commonEnvRules`). The broker refuses sessions shorter than its group.min.session.timeout.ms.
   */
  KAFKA_SESSION_TIMEOUT_MS: intVar(6_000, 300_000, 10_000),
  KAFKA_HEARTBEAT_INTERVAL_MS: intVar(100, 100_000, 1_000),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
  /** Unix niceness the process raises itself to at start; alone in a container it changes nothing. */
  CPU_NICE: intVar(0, 19, defaultNice),
});

export type CommonEnv = z.output<z.ZodObject<ReturnType<typeof commonEnv>>>;

/** The rules between variables of `commonEnv`; loadEnv checks them for every schema built on it. */
export function commonEnvRules(env: Partial<Record<keyof CommonEnv, unknown>>, ctx: z.RefinementCtx): void {
  const { KAFKA_SESSION_TIMEOUT_MS: session, KAFKA_HEARTBEAT_INTERVAL_MS: heartbeat } = env;
  if (typeof session === 'number' && typeof heartbeat === 'number' && heartbeat * 3 > session) {
    ctx.addIssue({
      code: 'custom',
      path: ['KAFKA_HEARTBEAT_INTERVAL_MS'],
      message: `must be at most a third of KAFKA_SESSION_TIMEOUT_MS (${session}), so at most ${Math.floor(session / 3)}`,
    });
  }
}

/** An http(s) URL that paths are appended to, so it must end with `/` (e.g. `https://hookbus.example.com/console/`). */
export const baseUrlVar = () =>
  z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    .refine((value) => value.endsWith('/'), "must end with '/'");

/**
 * How a service's consumer retries a failing message (see AtLeastOnceConsumer): the attempts it
 * gets while every dependency answers, and the first backoff. Outages are waited out whatever these say.
 */
export const consumerRetryEnv = (maxAttempts: number, retryDelayMs: number) => ({
  CONSUMER_MAX_ATTEMPTS: intVar(1, 1_000_000, maxAttempts),
  CONSUMER_RETRY_DELAY_MS: intVar(1, 60_000, retryDelayMs),
});

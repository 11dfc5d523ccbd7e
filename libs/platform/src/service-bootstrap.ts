import { ConsoleLogger, type DynamicModule, type INestApplication, type LogLevel, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { CustomTransportStrategy } from '@nestjs/microservices';
import { niceAtLeast } from './cpu-nice';
import { type CommonEnv, EnvValidationError, redactSecrets } from './env';
import { type OpenApiOptions, setupOpenApi } from './open-api';
import { ProblemFilter } from './problem';
import { startTracing, TracedLogger } from './tracing';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

export interface ServiceOptions {
  readonly name: string;
  readonly module: Type | DynamicModule;
  readonly env: Pick<CommonEnv, 'PORT' | 'HOST' | 'LOG_LEVEL' | 'CPU_NICE'>;
  /** Largest accepted JSON body (bigger ones get 413); default 1mb. */
  readonly bodyLimit?: string;
  /** Serve an OpenAPI document of the HTTP API at /docs. */
  readonly openApi?: OpenApiOptions;
  /** HTTP handlers mounted ahead of the app's routes (e.g. static files). */
  readonly configure?: (app: INestApplication) => void;
  /** The Kafka consumer side of the app, if it consumes topics. */
  readonly transport?: (app: INestApplication) => CustomTransportStrategy;
}

/** One JSON object per line on stdout, tagged with the service name (and the trace, inside a span). */
export function jsonLogger(name: string, level: LogLevel = 'log'): ConsoleLogger {
  return new TracedLogger(name, { json: true, logLevels: LEVELS.slice(0, LEVELS.indexOf(level) + 1) });
}

/**
 * Creates, wires and starts a hookbus service: traces if OTEL_* asks for them, JSON logs, shutdown
 * hooks (SIGTERM drains consumers and closes connections), the HTTP listener, then the optional
 * Kafka transport.
 */
export async function startService(options: ServiceOptions): Promise<INestApplication> {
  niceAtLeast(options.env.CPU_NICE);
  const stopTracing = await startTracing(options.name);
  const logger = jsonLogger(options.name, options.env.LOG_LEVEL);
  const app = await NestFactory.create<NestExpressApplication>(options.module, { logger, bodyParser: false });
  // CloudEvents and problem documents are `application/*+json`; parse them like plain JSON.
  app.useBodyParser('json', { type: ['application/json', 'application/*+json'], limit: options.bodyLimit ?? '1mb' });
  app.useGlobalFilters(new ProblemFilter());
  options.configure?.(app);
  if (options.openApi) setupOpenApi(app, options.openApi);
  const started = listen(app, options);
  exitGracefullyOnSignals(app, logger, started, stopTracing);
  const url = await started;
  logger.log({ message: `${options.name} listening`, url });
  return app;
}

async function listen(app: INestApplication, options: ServiceOptions): Promise<string> {
  // HTTP first: liveness answers while the consumer group is still being joined (which can take a
  // session timeout after a crash).
  await app.listen(options.env.PORT, options.env.HOST);
  const url = await app.getUrl();
  if (options.transport) {
    app.connectMicroservice({ strategy: options.transport(app) });
    await app.startAllMicroservices();
  }
  return url;
}

/** How long a service drains on SIGTERM before it exits anyway (deployments allow longer). */
export const SHUTDOWN_GRACE_MS = 30_000;

/**
 * SIGTERM/SIGINT: readiness turns 503, consumers finish and commit their in-flight messages,
 * connections close, pending spans are exported, and the process exits 0 (1 if that takes longer than the grace period).
 * Shuts down once: Ctrl-C under a launcher brings SIGINT from the terminal and SIGTERM from the
 * launcher, and closing twice fails on what the first close already destroyed.
 */
function exitGracefullyOnSignals(app: INestApplication, logger: ConsoleLogger, started: Promise<unknown>, stopTracing?: () => Promise<void>): void {
  let shuttingDown = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.log({ message: 'shutting down', signal });
    setTimeout(() => {
      logger.error({ message: `shutdown took longer than ${SHUTDOWN_GRACE_MS} ms; exiting` });
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    // A signal can arrive while the consumers are still starting (readiness may already answer):
    // closing then would pull the server from under the start, so the start finishes first.
    // Spans of the last messages drained are flushed before the process goes.
    started.then(() => app.close()).then(() => stopTracing?.()).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ message: 'shutdown failed', reason: String(error) });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

/**
 * Runs a service's main; a bad environment or failed start exits 1 with a message saying why,
 * without the value of any secret variable it may quote.
 */
export function runMain(name: string, main: () => Promise<unknown>): void {
  main().catch((error: unknown) => {
    const reason = error instanceof EnvValidationError || !(error instanceof Error) ? String(error) : String(error.stack);
    jsonLogger(name).fatal({ message: `${name} failed to start`, reason: redactSecrets(reason) });
    process.exit(1);
  });
}

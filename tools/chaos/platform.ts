import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { postgresDatabase, type TestDatabase } from '@hookbus/testing';
import { OwnBroker } from '../../test/support/own-broker';
import { freePort, ServiceProcess } from '../../test/support/service-process';
import { SmtpSink, type SunkMail } from '../../test/support/smtp-sink';
import { TcpProxy } from '../../test/support/tcp-proxy';
import { defaultGroupId } from '../../apps/delivery-service/src/delivery-env';

/** One process of the platform: which app, and what it needs besides the common environment. */
interface Instance {
  readonly app: string;
  readonly env: Record<string, string>;
  readonly port: number;
  /** Every process it has been, the running one last (their output is kept for the logs). */
  readonly processes: ServiceProcess[];
}

const OTHER_PLUGINS = 'komerce,secutix,postback,webhook';

/**
 * hookbus as `npm start` runs it, with the stores on PostgreSQL (databases of their own; config-
 * service and retry-scheduler reach theirs through a TCP proxy the run can cut), a broker of its
 * own, an SMTP server it can take down, and delivery-service deployed per vendor and scaled out:
 * `delivery-komet` alone in its group, `delivery-a` and `delivery-b` sharing the other plugins.
 */
export class ChaosPlatform {
  readonly mails: SunkMail[] = [];
  readonly instances = new Map<string, Instance>();
  private smtp?: SmtpSink;
  private smtpPort = 0;

  private constructor(
    readonly topicPrefix: string,
    readonly broker: OwnBroker,
    readonly databaseProxy: TcpProxy,
    private readonly databases: Record<'config' | 'retry' | 'notifier', TestDatabase>,
    private readonly dataDir: string,
  ) {}

  static async start(dataDir: string): Promise<ChaosPlatform> {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const id = randomBytes(4).toString('hex');
    const databases = { config: postgresDatabase(`hookbus_chaos_${id}_config`), retry: postgresDatabase(`hookbus_chaos_${id}_retry`), notifier: postgresDatabase(`hookbus_chaos_${id}_notifier`) };
    const proxy = await TcpProxy.start({ host: '127.0.0.1', port: Number(new URL(databases.config.url).port) });
    const platform = new ChaosPlatform(`chaos-${id}.`, new OwnBroker(path.join(dataDir, 'kafka'), await freePort()), proxy, databases, dataDir);
    try {
      await platform.broker.start();
      for (const database of Object.values(databases)) await database.create();
      await platform.startSmtp();
      await platform.launch(randomBytes(32).toString('base64url'));
      return platform;
    } catch (error) {
      await platform.stop();
      throw error;
    }
  }

  private async launch(secretKey: string): Promise<void> {
    const common = { KAFKA_BROKERS: this.broker.brokers, KAFKA_TOPIC_PREFIX: this.topicPrefix, HOOKBUS_SECRET_KEY: secretKey, HOOKBUS_EGRESS_ALLOW: '127.0.0.1', LOG_LEVEL: 'warn' };
    const apps: Record<string, [string, Record<string, string>]> = {
      'config-service': ['config-service', { DATABASE_URL: this.databaseProxy.url(this.databases.config.url), HOOKBUS_SERVICE_URLS: '' }],
      'ingest-service': ['ingest-service', {}],
      // Each plugin set gets a consumer group of its own by default.
      'delivery-komet': ['delivery-service', { DELIVERY_PLUGINS: 'komet' }],
      'delivery-a': ['delivery-service', { DELIVERY_PLUGINS: OTHER_PLUGINS }],
      'delivery-b': ['delivery-service', { DELIVERY_PLUGINS: OTHER_PLUGINS }],
      'retry-scheduler': ['retry-scheduler', { DATABASE_URL: this.databaseProxy.url(this.databases.retry.url) }],
      // Every failure is e-mailed on its own, so each can be matched to its delivery.
      'notifier-service': ['notifier-service', { DATABASE_URL: this.databases.notifier.url, SMTP_URL: `smtp://127.0.0.1:${this.smtpPort}`, NOTIFY_MAX_PER_WINDOW: '1000' }],
    };
    // config-service first: it creates the topics the others wait for.
    for (const [name, [app, env]] of Object.entries(apps)) {
      this.instances.set(name, { app, env: { ...common, ...env }, port: await freePort(), processes: [] });
      await this.spawn(name);
      if (name === 'config-service') await this.process(name).ready(120_000);
    }
    await this.ready(120_000);
  }

  url(name: string): string {
    return this.process(name).url;
  }

  /** The running process of `name`. */
  process(name: string): ServiceProcess {
    const { processes } = this.instance(name);
    return processes[processes.length - 1];
  }

  async spawn(name: string): Promise<void> {
    const instance = this.instance(name);
    instance.processes.push(await ServiceProcess.spawn(instance.app, instance.env, instance.port));
  }

  private instance(name: string): Instance {
    const instance = this.instances.get(name);
    if (!instance) throw new Error(`no instance ${name}`);
    return instance;
  }

  /** The consumer groups (physical names) of the named instances that are delivery-services. */
  deliveryGroups(names: readonly string[]): string[] {
    const deliveries = names.map((name) => this.instance(name)).filter(({ app }) => app === 'delivery-service');
    return [...new Set(deliveries.map(({ env }) => `${this.topicPrefix}${defaultGroupId(env.DELIVERY_PLUGINS.split(','))}`))];
  }

  /** SIGKILLs every named instance at once (a crash: no shutdown of any kind). */
  async kill(...names: string[]): Promise<void> {
    await Promise.all(names.map((name) => this.process(name).kill()));
  }

  /** Resolves once every instance answers `/health/ready` with 200. */
  async ready(timeoutMs: number): Promise<void> {
    await Promise.all([...this.instances.keys()].map((name) => this.process(name).ready(timeoutMs)));
  }

  /** Whether every instance answers `/health/ready` with 200 now. */
  async allReady(): Promise<boolean> {
    const answers = await Promise.all([...this.instances.keys()].map((name) =>
      fetch(`${this.url(name)}/health/ready`, { signal: AbortSignal.timeout(2_000) }).then((response) => response.ok, () => false)));
    return answers.every(Boolean);
  }

  async startSmtp(): Promise<void> {
    const sink = await SmtpSink.start(this.smtpPort);
    this.smtpPort = Number(new URL(sink.url).port);
    // The sink keeps its own list; the run counts across outages.
    const push = sink.messages.push.bind(sink.messages);
    sink.messages.push = (...mails: SunkMail[]) => (this.mails.push(...mails), push(...mails));
    this.smtp = sink;
  }

  async stopSmtp(): Promise<void> {
    const sink = this.smtp;
    this.smtp = undefined;
    await sink?.stop();
  }

  /** The config-service database, as the run reads it to account for every delivery. */
  get configDatabaseUrl(): string {
    return this.databases.config.url;
  }

  /** The retry-scheduler database, whose store tells when each release was due and went out. */
  get retryDatabaseUrl(): string {
    return this.databases.retry.url;
  }

  /** Every object logged by every process of the run so far (warnings and errors: LOG_LEVEL=warn). */
  loggedObjects(): Record<string, unknown>[] {
    return [...this.instances.values()].flatMap(({ processes }) => processes.flatMap((process) =>
      process.logs.map(({ message }) => message).filter((message): message is Record<string, unknown> => typeof message === 'object' && message !== null)));
  }

  /** Stops everything (SIGTERM, then SIGKILL what hangs), keeps the logs and drops the databases. */
  async stop(): Promise<void> {
    const logs = path.join(this.dataDir, 'logs');
    mkdirSync(logs, { recursive: true });
    await Promise.all([...this.instances].map(async ([name, instance]) => {
      const running = instance.processes[instance.processes.length - 1];
      if (!running) return;
      const timer = setTimeout(() => void running.kill(), 15_000);
      await running.stop().catch(() => undefined);
      clearTimeout(timer);
      instance.processes.forEach((process, n) => writeFileSync(path.join(logs, `${name}-${n}.log`), process.output.join('\n')));
    }));
    await this.stopSmtp();
    await this.databaseProxy.close();
    await this.broker.stop();
    for (const database of Object.values(this.databases)) await database.drop().catch(() => undefined);
  }
}

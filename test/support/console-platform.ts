import { testDatabases, uniqueGroup } from '@hookbus/testing';
import { DeliveryHarness } from './delivery-harness';
import { ServiceProcess } from './service-process';
import { SmtpSink } from './smtp-sink';

/**
 * The platform behind the console, as real processes on topics of their own: config-service (which
 * serves the console from dist/apps/console), delivery-service, retry-scheduler and notifier-service
 * e-mailing a real SMTP sink, with error e-mails linking to this config-service's console.
 */
export class ConsolePlatform {
  private constructor(
    readonly harness: DeliveryHarness,
    readonly sink: SmtpSink,
    private readonly services: ServiceProcess[],
    private readonly databases: ReturnType<typeof testDatabases>,
  ) {}

  static async start(label: string, database: 'sqlite' | 'postgresql' = 'sqlite'): Promise<ConsolePlatform> {
    const harness = await DeliveryHarness.start(label, { HOOKBUS_EGRESS_ALLOW: '127.0.0.1' }, database);
    const sink = await SmtpSink.start();
    const databases = [testDatabases()[0], testDatabases()[0]];
    const common = { KAFKA_TOPIC_PREFIX: harness.prefix, LOG_LEVEL: 'warn' };
    const services = [
      await (await ServiceProcess.spawn('retry-scheduler', { ...common, DATABASE_URL: databases[0].url, RETRY_POLL_MS: '50' })).ready(),
      await (
        await ServiceProcess.spawn('notifier-service', {
          ...common,
          DATABASE_URL: databases[1].url,
          SMTP_URL: sink.url,
          KAFKA_GROUP_ID: uniqueGroup('notifier'),
          HOOKBUS_CONSOLE_URL: `${harness.config.url}/console/`,
        })
      ).ready(),
    ];
    return new ConsolePlatform(harness, sink, services, databases);
  }

  get configUrl(): string {
    return this.harness.config.url;
  }

  async stop(): Promise<void> {
    await Promise.all(this.services.map((service) => service.stop()));
    await this.sink.stop();
    await this.harness.stop();
    await Promise.all(this.databases.map((database) => database.drop()));
  }
}

import { Topics } from '@hookbus/contracts';
import { pollUntil, testDatabases, uniqueGroup } from '@hookbus/testing';
import type { DeliveryHarness } from './delivery-harness';
import { ServiceProcess } from './service-process';
import { SmtpSink } from './smtp-sink';

/**
 * What a delivery harness needs beyond delivery-service for the failure path: the retry-scheduler
 * releasing dead letters and the notifier e-mailing through a real SMTP sink, each with its own
 * database, on the harness's topics.
 */
export class FailurePath {
  private constructor(
    private readonly harness: DeliveryHarness,
    readonly sink: SmtpSink,
    private readonly notifierGroup: string,
    private readonly services: ServiceProcess[],
    private readonly databases: ReturnType<typeof testDatabases>,
  ) {}

  /** `env` goes to both services, on top of their defaults. */
  static async start(harness: DeliveryHarness, env: Record<string, string> = {}): Promise<FailurePath> {
    const sink = await SmtpSink.start();
    const databases = [testDatabases()[0], testDatabases()[0]];
    const [schedulerDb, notifierDb] = databases;
    const notifierGroup = uniqueGroup('notifier');
    const common = { KAFKA_TOPIC_PREFIX: harness.prefix, LOG_LEVEL: 'warn', ...env };
    const services = [
      await (await ServiceProcess.spawn('retry-scheduler', { ...common, DATABASE_URL: schedulerDb.url, RETRY_POLL_MS: '50' })).ready(),
      await (await ServiceProcess.spawn('notifier-service', { ...common, DATABASE_URL: notifierDb.url, SMTP_URL: sink.url, KAFKA_GROUP_ID: notifierGroup })).ready(),
    ];
    return new FailurePath(harness, sink, notifierGroup, services, databases);
  }

  get notifier(): ServiceProcess {
    return this.services[1];
  }

  /** Resolves once the notifier has handled every notification published so far. */
  async notificationsHandled(): Promise<void> {
    const end = await this.harness.bus.endOffsets(Topics.notifications.name);
    await pollUntil('the notifier handled every notification', async () => {
      const committed = await this.harness.bus.committedOffsets(this.notifierGroup, Topics.notifications.name);
      return [...end].every(([partition, offset]) => offset === 0n || (committed.get(partition) ?? -1n) >= offset);
    });
  }

  async stop(): Promise<void> {
    await Promise.all(this.services.map((service) => service.stop()));
    await this.sink.stop();
    await Promise.all(this.databases.map((database) => database.drop()));
  }
}

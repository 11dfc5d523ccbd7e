import { Topics } from '@hookbus/contracts';
import type { KafkaBus } from '@hookbus/kafka';
import { collect, pollUntil, testBus, testDatabases, uniqueGroup, uniquePrefix } from '@hookbus/testing';
import { deadLetter } from '../support/dead-letters';
import { publishDeadLetters, startScheduler } from '../support/retry-scheduler';
import type { ServiceProcess } from '../support/service-process';
import { TcpProxy } from '../support/tcp-proxy';

const [, postgresql] = testDatabases();

/** How long the link stays cut: many times the attempts' budget below (two attempts, 50 ms apart). */
const OUTAGE_MS = 8_000;

interface Readiness {
  readonly status: string;
  readonly checks: Record<string, string>;
}

async function readinessOf(service: ServiceProcess): Promise<{ code: number; body: Readiness }> {
  const response = await fetch(`${service.url}/health/ready`);
  return { code: response.status, body: (await response.json()) as Readiness };
}

describe('a PostgreSQL outage seen by retry-scheduler (real process, real broker, TCP proxy)', () => {
  let proxy: TcpProxy;
  let bus: KafkaBus | undefined;
  let scheduler: ServiceProcess | undefined;

  beforeAll(async () => {
    await postgresql.create();
    const server = new URL(postgresql.url);
    proxy = await TcpProxy.start({ host: server.hostname, port: Number(server.port || 5432) });
  });

  afterAll(async () => {
    await scheduler?.stop();
    await bus?.disconnect();
    await proxy.close();
    await postgresql.drop();
  });

  it('keeps a dead letter it cannot store for as long as the outage lasts, reports not ready, then stores and releases it', async () => {
    const prefix = uniquePrefix('db-outage');
    bus = await testBus(prefix);
    const retries = await collect(bus, Topics.retries.name);
    const quarantined = await collect(bus, Topics.quarantine.name);
    scheduler = await startScheduler({
      KAFKA_TOPIC_PREFIX: prefix,
      KAFKA_GROUP_ID: uniqueGroup('db-outage'),
      DATABASE_URL: proxy.url(postgresql.url),
      // Without the outage rule, a dead letter would be quarantined within a fraction of a second.
      CONSUMER_MAX_ATTEMPTS: '2',
      CONSUMER_RETRY_DELAY_MS: '50',
    });

    proxy.cutOff();
    const cutAt = Date.now();
    const record = deadLetter({ dueAt: new Date(cutAt + 3_000) });
    await publishDeadLetters(bus, [record]);

    // The cut lasts many times the attempts' budget; a quarantined dead letter ends the wait early.
    await pollUntil('the outage has lasted long enough', () => quarantined.length > 0 || Date.now() - cutAt > OUTAGE_MS, { timeoutMs: OUTAGE_MS + 5_000 });
    expect(quarantined).toHaveLength(0);
    expect(retries).toHaveLength(0);
    const during = await readinessOf(scheduler);
    expect(during.code).toBe(503);
    expect(during.body.checks.database).toMatch(/^down/);
    expect(during.body.checks.consumers).toMatch(/^down: waiting out an outage/);

    proxy.restore();
    await pollUntil('the dead letter is stored and released', () => retries.some((message) => message.key === record.deliveryId), { timeoutMs: 30_000 });
    const released = retries.find((message) => message.key === record.deliveryId);
    expect(Number(released?.timestamp)).toBeGreaterThanOrEqual(Date.parse(record.dueAt));
    await pollUntil('the scheduler is ready again', async () => (await readinessOf(scheduler as ServiceProcess)).code === 200);
    expect(quarantined).toHaveLength(0);
  }, 90_000);
});

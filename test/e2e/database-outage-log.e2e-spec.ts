import { randomBytes } from 'node:crypto';
import { deliveryId, type DeliveryAttemptRecordV1, Topics } from '@hookbus/contracts';
import type { KafkaBus } from '@hookbus/kafka';
import { collect, pollUntil, testBus, testDatabases, uniqueGroup, uniquePrefix } from '@hookbus/testing';
import { newTenant, spawnConfigService } from '../support/config-service';
import type { ServiceProcess } from '../support/service-process';
import { TcpProxy } from '../support/tcp-proxy';

const [, postgresql] = testDatabases();

/** How long the link stays cut: many times the attempts' budget below (two attempts, 50 ms apart). */
const OUTAGE_MS = 8_000;

const readinessOf = async (service: ServiceProcess) => {
  const response = await fetch(`${service.url}/health/ready`);
  return { code: response.status, checks: ((await response.json()) as { checks: Record<string, string> }).checks };
};

function attemptRecord(tenantId: string): DeliveryAttemptRecordV1 {
  const eventId = `evt_${randomBytes(6).toString('hex')}`;
  return {
    deliveryId: deliveryId(eventId, 'sub_outage'),
    eventId,
    subscriptionId: 'sub_outage',
    tenantId,
    subject: `order-${eventId}`,
    plugin: 'komet',
    hook: 'order-confirmation',
    attempt: 1,
    at: new Date().toISOString(),
    request: { method: 'POST', url: 'https://erp.example.test/webhook', headers: { 'content-type': 'application/json' }, body: '{"companyId":6316,"orderId":6908}' },
    response: { status: 200, body: '{"status":"1"}' },
    durationMs: 41,
    outcome: 'delivered',
  };
}

describe('a PostgreSQL outage seen by config-service\'s delivery log (real process, real broker, TCP proxy)', () => {
  let proxy: TcpProxy;
  let bus: KafkaBus | undefined;
  let service: ServiceProcess | undefined;

  beforeAll(async () => {
    await postgresql.create();
    const server = new URL(postgresql.url);
    proxy = await TcpProxy.start({ host: server.hostname, port: Number(server.port || 5432) });
  });

  afterAll(async () => {
    await service?.stop();
    await bus?.disconnect();
    await proxy.close();
    await postgresql.drop();
  });

  it('keeps a log record it cannot store for as long as the outage lasts, reports not ready, then stores it', async () => {
    const prefix = uniquePrefix('log-outage');
    bus = await testBus(prefix);
    const quarantined = await collect(bus, Topics.quarantine.name);
    service = await spawnConfigService({ ...postgresql, url: proxy.url(postgresql.url) }, prefix, {
      KAFKA_GROUP_ID: uniqueGroup('log-outage'),
      // Without the outage rule, a record would be quarantined within a fraction of a second.
      CONSUMER_MAX_ATTEMPTS: '2',
      CONSUMER_RETRY_DELAY_MS: '50',
    });
    const { tenantId, client } = await newTenant(service);

    proxy.cutOff();
    const cutAt = Date.now();
    const record = attemptRecord(tenantId);
    await bus.publish(Topics.deliveryLog.name, [{ key: record.deliveryId, value: JSON.stringify(record) }]);

    // The cut lasts many times the attempts' budget; a quarantined record ends the wait early.
    await pollUntil('the outage has lasted long enough', () => quarantined.length > 0 || Date.now() - cutAt > OUTAGE_MS, { timeoutMs: OUTAGE_MS + 5_000 });
    expect(quarantined).toHaveLength(0);
    const during = await readinessOf(service);
    expect(during.code).toBe(503);
    expect(during.checks.database).toMatch(/^down/);
    expect(during.checks.consumers).toMatch(/^down: waiting out an outage/);

    proxy.restore();
    const stored = await pollUntil('the record is in the delivery log', async () => {
      const response = await client.get(`/v1/deliveries/${record.deliveryId}`);
      return response.status === 200 && response.body;
    }, { timeoutMs: 30_000 });
    expect(stored).toMatchObject({ id: record.deliveryId, status: 'delivered' });
    await pollUntil('config-service is ready again', async () => (await readinessOf(service as ServiceProcess)).code === 200);
    expect(quarantined).toHaveLength(0);
  }, 90_000);
});

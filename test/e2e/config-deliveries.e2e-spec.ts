import { randomBytes, randomUUID } from 'node:crypto';
import { deliveryId, type DeliveryAttemptRecordV1, Topics } from '@hookbus/contracts';
import { type ConsumedMessage, type KafkaBus, QuarantineHeaders } from '@hookbus/kafka';
import { collect, pollUntil, testBus, testDatabases, uniqueGroup, uniquePrefix } from '@hookbus/testing';
import { ServiceProcess } from '../support/service-process';

// Two real processes and a real broker per database: more than Jest's default 5 s.
jest.setTimeout(90_000);

interface AttemptView {
  n: number;
  at: string;
  request: { method: string; url: string; headers: Record<string, string>; body: string };
  response?: { status: number; body: string };
  durationMs: number;
  error?: string;
  outcome: string;
}
interface DeliveryView {
  id: string;
  eventId: string;
  subscriptionId: string;
  subject?: string;
  status: string;
  attemptCount: number;
  vendorMessage?: string;
  attempts?: AttemptView[];
}
interface Page {
  items: DeliveryView[];
  next?: string;
}

const T0 = Date.UTC(2025, 5, 1, 12, 0, 0);

/** One attempt record as delivery-service publishes it; `minute` orders deliveries in time. */
function attemptRecord(
  delivery: { eventId: string; subscriptionId: string; tenantId: string; subject: string; minute: number },
  attempt: number,
  overrides: Partial<DeliveryAttemptRecordV1> = {},
): DeliveryAttemptRecordV1 {
  return {
    deliveryId: deliveryId(delivery.eventId, delivery.subscriptionId),
    eventId: delivery.eventId,
    subscriptionId: delivery.subscriptionId,
    tenantId: delivery.tenantId,
    subject: delivery.subject,
    plugin: 'komet',
    hook: 'order-confirmation',
    attempt,
    at: new Date(T0 + delivery.minute * 60_000 + attempt * 1_000).toISOString(),
    request: {
      method: 'POST',
      url: 'https://erp.example.test/webhook',
      headers: { 'content-type': 'application/json', authenticationToken: '********', 'webhook-id': 'x' },
      body: '{"companyId":6316,"orderId":6908}',
    },
    response: { status: 503, body: 'unavailable' },
    durationMs: 41,
    error: 'HTTP 503',
    outcome: 'retrying',
    ...overrides,
  };
}

describe.each(testDatabases())('config-service delivery log on $label (real broker, real process)', (database) => {
  const prefix = uniquePrefix('deliveries');
  const groupId = uniqueGroup('config');
  const operatorToken = `op-${randomBytes(16).toString('hex')}`;
  let service: ServiceProcess;
  let bus: KafkaBus;
  let quarantined: ConsumedMessage[];
  let keyA: string;
  let keyB: string;
  let tenantA: string;
  let tenantB: string;

  const call = (path: string, key: string) => fetch(`${service.url}${path}`, { headers: { authorization: `Bearer ${key}` } });
  const json = async <T>(path: string, key: string): Promise<T> => {
    const response = await call(path, key);
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
    return (await response.json()) as T;
  };
  const post = async (path: string, key: string, body: unknown) => {
    const response = await fetch(`${service.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as { id: string; key: string };
  };
  const tenantWithAdminKey = async (name: string) => {
    const tenant = await post('/v1/tenants', operatorToken, { name });
    return { id: tenant.id, key: (await post(`/v1/tenants/${tenant.id}/api-keys`, operatorToken, { roles: ['admin'] })).key };
  };

  // Tenant A: `retried` (1 → duplicate 1 → 2 delivered), `rejected` (2 arrives before 1; Komet's
  // refusal message), `other` (another subscription). Tenant B: one delivery of its own.
  const run = randomUUID().slice(0, 8);
  const deliveries = {
    retried: { eventId: `evt-${run}-1`, subscriptionId: 'sub_a_one', subject: `order-${run}-1`, minute: 1 },
    rejected: { eventId: `evt-${run}-2`, subscriptionId: 'sub_a_one', subject: `order-${run}-2`, minute: 2 },
    other: { eventId: `evt-${run}-3`, subscriptionId: 'sub_a_two', subject: `order-${run}-3`, minute: 3 },
    tenantB: { eventId: `evt-${run}-4`, subscriptionId: 'sub_b_one', subject: `order-${run}-4`, minute: 4 },
  };
  const idOf = (delivery: { eventId: string; subscriptionId: string }) => deliveryId(delivery.eventId, delivery.subscriptionId);

  beforeAll(async () => {
    await database.create();
    bus = await testBus(prefix);
    quarantined = await collect(bus, Topics.quarantine.name);
    service = await ServiceProcess.spawn('config-service', {
      KAFKA_TOPIC_PREFIX: prefix,
      KAFKA_GROUP_ID: groupId,
      DATABASE_URL: database.url,
      HOOKBUS_ADMIN_TOKEN: operatorToken,
      HOOKBUS_SECRET_KEY: randomBytes(32).toString('base64url'),
      LOG_LEVEL: 'warn',
    });
    await service.ready();
    ({ id: tenantA, key: keyA } = await tenantWithAdminKey('Tenant A'));
    ({ id: tenantB, key: keyB } = await tenantWithAdminKey('Tenant B'));

    const of = (delivery: (typeof deliveries)[keyof typeof deliveries], tenantId: string) => ({ ...delivery, tenantId });
    const retried = of(deliveries.retried, tenantA);
    const rejected = of(deliveries.rejected, tenantA);
    const delivered = { outcome: 'delivered' as const, response: { status: 200, body: '{"status":"1"}' }, error: undefined };
    const records: DeliveryAttemptRecordV1[] = [
      attemptRecord(retried, 1),
      attemptRecord(retried, 1),
      attemptRecord(retried, 2, delivered),
      attemptRecord(rejected, 2, {
        outcome: 'failed',
        response: { status: 200, body: '{"status":"0","message":"order unknown"}' },
        error: 'rejected by the receiver',
        vendorMessage: 'order unknown',
      }),
      attemptRecord(rejected, 1),
      attemptRecord(of(deliveries.other, tenantA), 1, delivered),
      attemptRecord(of(deliveries.tenantB, tenantB), 1, delivered),
    ];
    await bus.publish(Topics.deliveryLog.name, [
      ...records.map((record) => ({ key: record.deliveryId, value: JSON.stringify(record) })),
      { key: 'dlv_malformed', value: JSON.stringify({ ...records[0], outcome: 'lost' }) },
    ]);

    // Every record is in once the last of each delivery shows.
    await pollUntil('the delivery log shows every record', async () => {
      const [a, b] = await Promise.all([json<Page>('/v1/deliveries', keyA), json<Page>('/v1/deliveries', keyB)]);
      const attempts = [...a.items, ...b.items].map((item) => `${item.eventId}:${item.attemptCount}:${item.status}`).sort();
      return attempts.join() === [
        `${deliveries.retried.eventId}:2:delivered`,
        `${deliveries.rejected.eventId}:2:failed`,
        `${deliveries.other.eventId}:1:delivered`,
        `${deliveries.tenantB.eventId}:1:delivered`,
      ].sort().join() && (await json<DeliveryView>(`/v1/deliveries/${idOf(deliveries.rejected)}`, keyA)).attempts?.length === 2;
    }, { timeoutMs: 45_000, intervalMs: 200 });
  });

  afterAll(async () => {
    await service?.stop();
    await bus?.disconnect();
    await database.drop();
  });

  it('shows a delivery with its attempts in order, a redelivered record once', async () => {
    const delivery = await json<DeliveryView>(`/v1/deliveries/${idOf(deliveries.retried)}`, keyA);

    expect(delivery).toMatchObject({
      id: idOf(deliveries.retried),
      eventId: deliveries.retried.eventId,
      subscriptionId: 'sub_a_one',
      subject: deliveries.retried.subject,
      status: 'delivered',
      attemptCount: 2,
    });
    expect(delivery.vendorMessage).toBeUndefined();
    expect(delivery.attempts).toEqual([
      {
        n: 1,
        at: new Date(T0 + 60_000 + 1_000).toISOString(),
        request: {
          method: 'POST',
          url: 'https://erp.example.test/webhook',
          headers: { 'content-type': 'application/json', authenticationToken: '********', 'webhook-id': 'x' },
          body: '{"companyId":6316,"orderId":6908}',
        },
        response: { status: 503, body: 'unavailable' },
        durationMs: 41,
        error: 'HTTP 503',
        outcome: 'retrying',
      },
      expect.objectContaining({ n: 2, response: { status: 200, body: '{"status":"1"}' }, outcome: 'delivered' }),
    ]);
    expect(delivery.attempts?.[1]).not.toHaveProperty('error');
  });

  it('keeps the status of the highest attempt when an older attempt arrives late, with the vendor message', async () => {
    const delivery = await json<DeliveryView>(`/v1/deliveries/${idOf(deliveries.rejected)}`, keyA);

    expect(delivery).toMatchObject({ status: 'failed', attemptCount: 2, vendorMessage: 'order unknown' });
    // These records name no subscription of the tenant, so a manual retry would be refused.
    expect((delivery as DeliveryView & { retry: unknown }).retry).toEqual({ allowed: false, reason: 'its subscription was deleted' });
    expect(delivery.attempts?.map(({ n, outcome }) => [n, outcome])).toEqual([[1, 'retrying'], [2, 'failed']]);
  });

  it('filters by subscription, event, subject and status', async () => {
    const eventIds = async (query: string) =>
      (await json<Page>(`/v1/deliveries?${query}`, keyA)).items.map((item) => item.eventId);

    expect(await eventIds('subscriptionId=sub_a_one')).toEqual([deliveries.rejected.eventId, deliveries.retried.eventId]);
    expect(await eventIds(`eventId=${deliveries.other.eventId}`)).toEqual([deliveries.other.eventId]);
    expect(await eventIds(`subject=${deliveries.rejected.subject}`)).toEqual([deliveries.rejected.eventId]);
    expect(await eventIds('status=delivered')).toEqual([deliveries.other.eventId, deliveries.retried.eventId]);
    expect(await eventIds('status=delivered&subscriptionId=sub_a_two')).toEqual([deliveries.other.eventId]);
    expect(await eventIds('status=abandoned')).toEqual([]);
  });

  it('filters by a window of first attempts, [since, until), either end open', async () => {
    const eventIds = async (query: string) =>
      (await json<Page>(`/v1/deliveries?${query}`, keyA)).items.map((item) => item.eventId);
    // First attempts at T0 + minute:01 (see attemptRecord); `rejected`'s attempt 1 arrived last and still counts.
    const at = (minute: number, second = 0) => encodeURIComponent(new Date(T0 + minute * 60_000 + second * 1_000).toISOString());

    expect(await eventIds(`since=${at(2)}&until=${at(3)}`)).toEqual([deliveries.rejected.eventId]);
    expect(await eventIds(`since=${at(2, 1)}&until=${at(3, 1)}`)).toEqual([deliveries.rejected.eventId]);
    expect(await eventIds(`since=${at(2)}`)).toEqual([deliveries.other.eventId, deliveries.rejected.eventId]);
    expect(await eventIds(`until=${at(2)}&subscriptionId=sub_a_one`)).toEqual([deliveries.retried.eventId]);
    const backwards = await call(`/v1/deliveries?since=${at(3)}&until=${at(2)}`, keyA);
    expect(backwards.status).toBe(400);
    expect(((await backwards.json()) as { errors: unknown[] }).errors).toEqual([expect.objectContaining({ field: 'until' })]);
  });

  it('refuses an unknown status with a problem naming the field', async () => {
    const response = await call('/v1/deliveries?status=lost', keyA);

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(((await response.json()) as { errors: unknown[] }).errors).toEqual([expect.objectContaining({ field: 'status' })]);
  });

  it('pages newest first with a cursor', async () => {
    const first = await json<Page>('/v1/deliveries?limit=2', keyA);
    expect(first.items.map((item) => item.eventId)).toEqual([deliveries.other.eventId, deliveries.rejected.eventId]);
    expect(first.items[0]).not.toHaveProperty('attempts');
    expect(first.next).toEqual(expect.any(String));

    const second = await json<Page>(`/v1/deliveries?limit=2&cursor=${encodeURIComponent(first.next ?? '')}`, keyA);
    expect(second.items.map((item) => item.eventId)).toEqual([deliveries.retried.eventId]);
    expect(second).not.toHaveProperty('next');

    expect((await call('/v1/deliveries?cursor=garbage', keyA)).status).toBe(400);
  });

  it("never shows a tenant another tenant's deliveries (404)", async () => {
    expect((await json<Page>('/v1/deliveries', keyB)).items.map((item) => item.eventId)).toEqual([deliveries.tenantB.eventId]);
    expect((await call(`/v1/deliveries/${idOf(deliveries.retried)}`, keyB)).status).toBe(404);
    expect((await call(`/v1/deliveries/${idOf(deliveries.tenantB)}`, keyA)).status).toBe(404);
    expect((await call(`/v1/deliveries/${idOf(deliveries.tenantB)}`, keyB)).status).toBe(200);
    expect((await call('/v1/deliveries', 'hbk_nobody')).status).toBe(401);
  });

  it('quarantines a malformed record with the reason, and nothing of it reaches the log', async () => {
    const message = await pollUntil('the malformed record is quarantined', () =>
      quarantined.find((candidate) => candidate.key === 'dlv_malformed'));

    expect(message.headers[QuarantineHeaders.reason]).toMatch(/MalformedMessageError: .*outcome/);
    expect(message.headers[QuarantineHeaders.group]).toBe(groupId);
    expect(message.headers[QuarantineHeaders.source]).toMatch(/^hookbus\.deliveries\.log\.v1\//);
    expect(quarantined.filter((candidate) => candidate.key !== 'dlv_malformed')).toEqual([]);
  });
});

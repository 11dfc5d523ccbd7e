import { randomUUID } from 'node:crypto';
import { deliveryId, type DeliveryAttemptRecordV1, type DeliveryStatus, Topics } from '@hookbus/contracts';
import type { KafkaBus } from '@hookbus/kafka';
import { pollUntil, testBus, testDatabases, uniquePrefix } from '@hookbus/testing';
import { ApiClient, newTenant, spawnConfigService } from '../support/config-service';
import { OPERATOR_TOKEN, type ServiceProcess } from '../support/service-process';

// A real process and a real broker per database: more than Jest's default 5 s.
jest.setTimeout(90_000);

const komet = { plugin: 'komet', hook: 'order-confirmation', url: 'https://erp.example.com/komet', auth: { type: 'token', token: 'komet-token-42' } };
const ZERO = { pending: 0, delivered: 0, retrying: 0, failed: 0, abandoned: 0, cancelled: 0 };

/** A delivery's only attempt, as delivery-service logs it: created at `at`, its status is `outcome`. */
function attempt(tenantId: string, subscriptionId: string, at: string, outcome: DeliveryStatus): DeliveryAttemptRecordV1 {
  const eventId = `evt-${randomUUID()}`;
  const got = outcome === 'delivered';
  return {
    deliveryId: deliveryId(eventId, subscriptionId),
    eventId,
    subscriptionId,
    tenantId,
    subject: `order-${eventId}`,
    plugin: 'komet',
    hook: 'order-confirmation',
    attempt: 1,
    at: new Date(at).toISOString(),
    request: { method: 'POST', url: 'https://erp.example.com/komet', headers: {}, body: '{}' },
    response: { status: got ? 200 : 503, body: '' },
    durationMs: 12,
    ...(got ? {} : { error: 'HTTP 503' }),
    outcome,
    ...(outcome === 'retrying' ? { dueAt: '2025-06-01T13:30:00.000Z' } : {}),
  };
}

describe.each(testDatabases())('config-service delivery stats on $label (real broker, real process)', (database) => {
  const prefix = uniquePrefix('stats');
  let service: ServiceProcess;
  let bus: KafkaBus;
  let admin: ApiClient;
  let setup: ApiClient;
  let producer: ApiClient;
  let other: ApiClient;
  // Tenant A's three subscriptions, tenant B's one.
  let s1: string;
  let s2: string;
  let s3: string;
  let sb: string;

  beforeAll(async () => {
    await database.create();
    bus = await testBus(prefix);
    service = await spawnConfigService(database, prefix);
    const operator = new ApiClient(service.url, OPERATOR_TOKEN);
    const a = await newTenant(service, ['admin']);
    const b = await newTenant(service, ['admin']);
    admin = a.client;
    other = b.client;
    const keyOf = async (roles: string[]) => new ApiClient(service.url, (await operator.post(`/v1/tenants/${a.tenantId}/api-keys`, { roles })).body.key);
    setup = await keyOf(['setup']);
    producer = await keyOf(['producer']);
    const subscribe = async (client: ApiClient) => (await client.post('/v1/subscriptions', komet)).body.id as string;
    [s1, s2, s3, sb] = await Promise.all([subscribe(admin), subscribe(admin), subscribe(admin), subscribe(other)]);

    // Tenant A, 1 June 2025: the 10:00 hour, nothing at 11:00, the 12:00 hour, and one each just
    // before 10:00 and at 13:00 (outside [10:00, 13:00)). Tenant B fails three times at 10:30.
    const records = [
      attempt(a.tenantId, s1, '2025-06-01T09:59:59.999Z', 'failed'),
      attempt(a.tenantId, s1, '2025-06-01T10:05:00Z', 'delivered'),
      attempt(a.tenantId, s1, '2025-06-01T10:20:00Z', 'failed'),
      attempt(a.tenantId, s2, '2025-06-01T10:00:00Z', 'failed'),
      attempt(a.tenantId, s2, '2025-06-01T10:15:00Z', 'failed'),
      attempt(a.tenantId, s2, '2025-06-01T10:50:00Z', 'cancelled'),
      attempt(a.tenantId, s2, '2025-06-01T12:05:00Z', 'failed'),
      attempt(a.tenantId, s1, '2025-06-01T12:30:00Z', 'abandoned'),
      attempt(a.tenantId, s1, '2025-06-01T12:40:00Z', 'retrying'),
      attempt(a.tenantId, s3, '2025-06-01T12:10:00Z', 'delivered'),
      attempt(a.tenantId, s3, '2025-06-01T12:11:00Z', 'delivered'),
      attempt(a.tenantId, s3, '2025-06-01T12:59:59.999Z', 'pending'),
      attempt(a.tenantId, s1, '2025-06-01T13:00:00Z', 'failed'),
      ...['10:30:00', '10:31:00', '10:32:00'].map((time) => attempt(b.tenantId, sb, `2025-06-01T${time}Z`, 'failed')),
    ];
    // Through the real log topic, as delivery-service writes it; config-service's consumer fills the log.
    await bus.publish(Topics.deliveryLog.name, records.map((record) => ({ key: record.deliveryId, value: JSON.stringify(record) })));
    await pollUntil('every record is in the delivery log', async () => {
      const [mine, theirs] = await Promise.all([admin.get('/v1/deliveries'), other.get('/v1/deliveries')]);
      return mine.body.items?.length === 13 && theirs.body.items?.length === 3;
    }, { timeoutMs: 45_000, intervalMs: 200 });
  });

  afterAll(async () => {
    await service?.stop();
    await bus?.disconnect();
    await database.drop();
  });

  const WINDOW = 'since=2025-06-01T10:00:00Z&until=2025-06-01T13:00:00Z';

  describe('GET /v1/stats/deliveries', () => {
    it('counts the window by hour and current status, the empty hour zero-filled, oldest first', async () => {
      const { status, body } = await admin.get(`/v1/stats/deliveries?${WINDOW}&bucket=hour`);

      expect(status).toBe(200);
      expect(body).toEqual({
        buckets: [
          { start: '2025-06-01T10:00:00.000Z', ...ZERO, delivered: 1, failed: 3, cancelled: 1 },
          { start: '2025-06-01T11:00:00.000Z', ...ZERO },
          { start: '2025-06-01T12:00:00.000Z', ...ZERO, delivered: 2, failed: 1, abandoned: 1, retrying: 1, pending: 1 },
        ],
      });
    });

    it('counts only the window in buckets it covers in part: since included, until excluded', async () => {
      const { body } = await admin.get('/v1/stats/deliveries?since=2025-06-01T10:15:00Z&until=2025-06-01T12:30:00Z');

      expect(body.buckets).toEqual([
        { start: '2025-06-01T10:00:00.000Z', ...ZERO, failed: 2, cancelled: 1 },
        { start: '2025-06-01T11:00:00.000Z', ...ZERO },
        { start: '2025-06-01T12:00:00.000Z', ...ZERO, failed: 1, delivered: 2 },
      ]);
    });

    it('buckets by UTC day, from a window given with an offset', async () => {
      const { body } = await admin.get('/v1/stats/deliveries?bucket=day&since=2025-06-01T02:00:00%2B02:00&until=2025-06-03T00:00:00Z');

      expect(body.buckets).toEqual([
        { start: '2025-06-01T00:00:00.000Z', ...ZERO, delivered: 3, failed: 6, cancelled: 1, abandoned: 1, retrying: 1, pending: 1 },
        { start: '2025-06-02T00:00:00.000Z', ...ZERO },
      ]);
    });

    it('counts one subscription', async () => {
      const { body } = await setup.get(`/v1/stats/deliveries?${WINDOW}&subscriptionId=${s1}`);

      expect(body.buckets).toEqual([
        { start: '2025-06-01T10:00:00.000Z', ...ZERO, delivered: 1, failed: 1 },
        { start: '2025-06-01T11:00:00.000Z', ...ZERO },
        { start: '2025-06-01T12:00:00.000Z', ...ZERO, abandoned: 1, retrying: 1 },
      ]);
    });

    it("shows a tenant only its own deliveries, and another tenant's subscription as missing (404)", async () => {
      const theirs = await other.get(`/v1/stats/deliveries?${WINDOW}`);
      expect(theirs.body.buckets).toEqual([
        { start: '2025-06-01T10:00:00.000Z', ...ZERO, failed: 3 },
        { start: '2025-06-01T11:00:00.000Z', ...ZERO },
        { start: '2025-06-01T12:00:00.000Z', ...ZERO },
      ]);

      for (const [client, subscriptionId] of [[other, s1], [admin, sb], [admin, 'sub_unknown']] as const) {
        const response = await client.get(`/v1/stats/deliveries?subscriptionId=${subscriptionId}`);
        expect(response).toMatchObject({ status: 404, contentType: expect.stringContaining('application/problem+json') });
      }
    });

    it('defaults to the last 24 hours by hour and the last 7 days by day, ending at the current bucket', async () => {
      const before = Date.now();
      const [hours, days] = await Promise.all([admin.get('/v1/stats/deliveries'), admin.get('/v1/stats/deliveries?bucket=day')]);
      const after = Date.now();

      for (const [{ body }, size, span] of [[hours, 3_600_000, 24], [days, 86_400_000, 7]] as const) {
        const starts = body.buckets.map((bucket: { start: string }) => Date.parse(bucket.start));
        // span buckets, or one more when now is not on a bucket boundary.
        expect([span, span + 1]).toContain(starts.length);
        starts.forEach((start: number, index: number) => index > 0 && expect(start - starts[index - 1]).toBe(size));
        expect(starts[starts.length - 1]).toBeGreaterThanOrEqual(Math.floor(before / size) * size);
        expect(starts[starts.length - 1]).toBeLessThanOrEqual(after);
        expect(body.buckets.every((bucket: Record<string, unknown>) => Object.values({ ...bucket, start: 0 }).every((count) => count === 0))).toBe(true);
      }
    });

    it.each([
      ['since', 'invalid_format', 'since=yesterday'],
      ['until', 'invalid_format', 'until=2025-06-01'],
      ['bucket', 'invalid_value', 'bucket=week'],
      ['until', 'custom', 'since=2025-06-02T00:00:00Z&until=2025-06-01T00:00:00Z'],
      ['since', 'too_big', 'since=2025-01-01T00:00:00Z&until=2025-03-01T00:00:00Z&bucket=hour'],
    ])('refuses a bad %s (%s) with a problem naming it', async (field, rule, query) => {
      const response = await admin.get(`/v1/stats/deliveries?${query}`);

      expect(response.status).toBe(400);
      expect(response.contentType).toContain('application/problem+json');
      expect(response.body.errors).toEqual([{ field, rule, message: expect.any(String) }]);
    });
  });

  describe('GET /v1/stats/failing-subscriptions', () => {
    it('ranks the subscriptions by deliveries ending failed or abandoned, leaving out those without', async () => {
      const { status, body } = await admin.get(`/v1/stats/failing-subscriptions?${WINDOW}`);

      expect(status).toBe(200);
      expect(body).toEqual({
        items: [
          { subscriptionId: s2, plugin: 'komet', hook: 'order-confirmation', failed: 3, total: 4 },
          { subscriptionId: s1, plugin: 'komet', hook: 'order-confirmation', failed: 2, total: 4 },
        ],
      });
    });

    it('keeps to the limit, and to the tenant', async () => {
      expect((await setup.get(`/v1/stats/failing-subscriptions?${WINDOW}&limit=1`)).body.items.map((item: { subscriptionId: string }) => item.subscriptionId)).toEqual([s2]);
      expect((await other.get(`/v1/stats/failing-subscriptions?${WINDOW}`)).body.items).toEqual([
        { subscriptionId: sb, plugin: 'komet', hook: 'order-confirmation', failed: 3, total: 3 },
      ]);
    });

    it.each([['limit', 'limit=0'], ['limit', 'limit=51'], ['since', 'since=now']])('refuses a bad %s naming it', async (field, query) => {
      const response = await admin.get(`/v1/stats/failing-subscriptions?${query}`);
      expect(response.status).toBe(400);
      expect(response.body.errors.map((issue: { field: string }) => issue.field)).toEqual([field]);
    });
  });

  it('answers tenant admin and setup keys only', async () => {
    for (const path of ['/v1/stats/deliveries', '/v1/stats/failing-subscriptions']) {
      expect((await new ApiClient(service.url).get(path)).status).toBe(401);
      expect((await producer.get(path)).status).toBe(403);
      expect((await new ApiClient(service.url, OPERATOR_TOKEN).get(path)).status).toBe(403);
      expect((await setup.get(path)).status).toBe(200);
    }
  });

  it('documents both routes with their query parameters and answers in /docs-json', async () => {
    const { body } = await new ApiClient(service.url).get('/docs-json');
    const route = (path: string) => body.paths[path].get;
    const names = (path: string) => route(path).parameters.map((parameter: { name: string; in: string }) => `${parameter.in}:${parameter.name}`).sort();

    expect(route('/v1/stats/deliveries').tags).toEqual(['stats']);
    expect(names('/v1/stats/deliveries')).toEqual(['query:bucket', 'query:since', 'query:subscriptionId', 'query:until']);
    expect(route('/v1/stats/deliveries').parameters.find((parameter: { name: string }) => parameter.name === 'bucket').schema.enum).toEqual(['hour', 'day']);
    expect(route('/v1/stats/deliveries').responses['200'].content['application/json'].schema.properties.buckets.items.required.sort()).toEqual(
      ['abandoned', 'cancelled', 'delivered', 'failed', 'pending', 'retrying', 'start'],
    );
    expect(route('/v1/stats/failing-subscriptions').tags).toEqual(['stats']);
    expect(names('/v1/stats/failing-subscriptions')).toEqual(['query:limit', 'query:since', 'query:until']);
  });
});

import { deliveryId, MAX_EVENT_BYTES, Topics } from '@hookbus/contracts';
import type { ConsumedMessage } from '@hookbus/kafka';
import { collect, pollUntil } from '@hookbus/testing';
import { ApiClient } from '../support/config-service';
import { DeliveryHarness } from '../support/delivery-harness';
import { orderConfirmed } from '../support/events';
import { OPERATOR_TOKEN, type ServiceProcess } from '../support/service-process';

// Three real processes and a real broker.
jest.setTimeout(120_000);

type Problem = { status: number; errors?: { field: string; rule: string; message: string }[]; detail?: string };

describe('ingest-service front door: producer keys from config-service, tenancy and limits (real broker, real processes)', () => {
  let harness: DeliveryHarness;
  let ingest: ServiceProcess;
  let operator: ApiClient;
  let quarantined: ConsumedMessage[];

  beforeAll(async () => {
    harness = await DeliveryHarness.start('front-door');
    ingest = await harness.spawnIngest();
    operator = new ApiClient(harness.config.url, OPERATOR_TOKEN);
    quarantined = await collect(harness.bus, Topics.quarantine.name);
  });

  afterAll(() => harness?.stop());

  const post = (path: string, body: unknown, key?: string) =>
    fetch(`${ingest.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/cloudevents+json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify(body),
    });
  const problem = async (response: Response) => ({ ...((await response.json()) as Problem), status: response.status, type: response.headers.get('content-type') });
  const eventOf = (overrides: Record<string, unknown> = {}) => orderConfirmed({ tenantid: harness.tenantId, ...overrides });

  /** A key of `tenantId` made through config-service, once ingest-service knows it (an invalid event is then 400, not 401). */
  async function producerKey(roles = ['producer'], tenantId = harness.tenantId): Promise<{ id: string; key: string }> {
    const created = await operator.post(`/v1/tenants/${tenantId}/api-keys`, { roles });
    expect(created.status).toBe(201);
    await pollUntil('ingest-service knows the new key', async () => (await post('/v1/events', { id: 'probe' }, created.body.key)).status !== 401);
    return created.body;
  }

  async function publishesNothing(send: () => Promise<Problem>): Promise<Problem> {
    const before = await harness.bus.endOffsets(Topics.events.name);
    const refused = await send();
    expect(await harness.bus.endOffsets(Topics.events.name)).toEqual(before);
    return refused;
  }

  it("lets a producer key made in config-service publish as its tenant (tenantid filled in) and the event is delivered", async () => {
    const subscription = await harness.subscribe({ plugin: 'komet', hook: 'order-confirmation', url: `${harness.receiver.url}/erp` });
    const { key } = await producerKey();
    const { tenantid: _absent, ...event } = eventOf();

    const response = await post('/v1/events', event, key);
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ ids: [event.id] });

    const webhookId = deliveryId(String(event.id), subscription.id);
    const [request] = await pollUntil('the receiver got the event', () => {
      const got = harness.receiver.requests.filter(({ headers }) => headers['webhook-id'] === webhookId);
      return got.length > 0 && got;
    });
    expect(JSON.parse(request.body)).toEqual({ companyId: 6316, orderId: 6908 });
    // No OTEL_* exporter set: tracing is off, and no trace context goes out.
    expect(request.headers).not.toHaveProperty('traceparent');
    await harness.unsubscribeAll();
  });

  it('answers 401 without a key or with an unknown one and 403 to a key without the producer role, publishing nothing', async () => {
    const admin = await producerKey(['admin']);
    const unknown = `hbk_key_0000000000000000.${'A'.repeat(43)}`;
    const cases: [string | undefined, number][] = [[undefined, 401], [unknown, 401], [`${admin.key}x`, 401], [admin.key, 403]];
    for (const [key, status] of cases) {
      for (const path of ['/v1/events', '/v1/events/batch']) {
        const refused = await publishesNothing(async () => problem(await post(path, path.endsWith('batch') ? [eventOf()] : eventOf(), key)));
        expect(refused).toMatchObject({ status, type: expect.stringContaining('application/problem+json') });
      }
    }
  });

  it("refuses an event of another tenant, alone or anywhere in a batch, naming the field", async () => {
    const { key } = await producerKey();
    const other = await operator.post('/v1/tenants', { name: 'tenant-b' });
    const foreign = eventOf({ tenantid: other.body.id });

    const alone = await publishesNothing(async () => problem(await post('/v1/events', foreign, key)));
    expect(alone).toMatchObject({ status: 403, errors: [{ field: 'tenantid', rule: 'tenant_of_key' }] });
    const batch = await publishesNothing(async () => problem(await post('/v1/events/batch', [eventOf(), foreign], key)));
    expect(batch).toMatchObject({ status: 403, errors: [{ field: '[1].tenantid', rule: 'tenant_of_key' }] });
  });

  it('refuses a revoked key within 2 s of the DELETE', async () => {
    const { id, key } = await producerKey();
    expect((await post('/v1/events', eventOf(), key)).status).toBe(202);

    expect((await operator.delete(`/v1/tenants/${harness.tenantId}/api-keys/${id}`)).status).toBe(204);
    await pollUntil('the revoked key is refused', async () => (await post('/v1/events', { id: 'probe' }, key)).status === 401, { timeoutMs: 2_000, intervalMs: 50 });
    const refused = await publishesNothing(async () => problem(await post('/v1/events', eventOf(), key)));
    expect(refused.status).toBe(401);
  });

  it('refuses data nested deeper than 64 levels, naming the rule', async () => {
    const { key } = await producerKey();
    const nested = (levels: number): unknown => (levels === 0 ? 1 : { level: nested(levels - 1) });
    const refused = await publishesNothing(async () => problem(await post('/v1/events', eventOf({ type: 'order.completed', data: nested(65) }), key)));
    expect(refused).toMatchObject({ status: 400, errors: [{ field: 'data', rule: 'max_depth' }] });
  });

  describe(`an event of ${MAX_EVENT_BYTES} bytes, the limit`, () => {
    // Quotes double when the request body is logged as a string: the largest records an event can cause.
    const atLimit = (bytes: number): Record<string, unknown> => {
      const event = eventOf({ type: 'order.completed', data: { note: '' } });
      const quotes = (bytes - JSON.stringify(event).length) / 2;
      return { ...event, data: { note: '"'.repeat(Math.floor(quotes)) + (quotes % 1 ? 'x' : '') } };
    };

    it('is refused one byte over with 413 saying the limit, alone or in a batch', async () => {
      const { key } = await producerKey();
      const over = atLimit(MAX_EVENT_BYTES + 1);
      expect(JSON.stringify(over)).toHaveLength(MAX_EVENT_BYTES + 1);
      const alone = await publishesNothing(async () => problem(await post('/v1/events', over, key)));
      expect(alone).toMatchObject({ status: 413, detail: `An event may be at most ${MAX_EVENT_BYTES} bytes as JSON.`, errors: [{ field: '(root)', rule: 'max_event_bytes' }] });
      const batch = await publishesNothing(async () => problem(await post('/v1/events/batch', [eventOf(), over], key)));
      expect(batch).toMatchObject({ status: 413, errors: [{ field: '[1]', rule: 'max_event_bytes' }] });
    });

    it('is accepted, and the failed attempt it causes (event, request body and reply) is logged, not quarantined', async () => {
      const subscription = await harness.subscribe({ plugin: 'postback', hook: 'order.completed', url: `${harness.receiver.url}/postback` });
      // 400 fails a postback at once: the record carries the event for a manual retry, the body and 16 KiB of the reply.
      harness.receiver.answer({ status: 400, body: '"'.repeat(20_000) });
      const { key } = await producerKey();
      const event = atLimit(MAX_EVENT_BYTES);
      expect(JSON.stringify(event)).toHaveLength(MAX_EVENT_BYTES);

      expect((await post('/v1/events', event, key)).status).toBe(202);
      const admin = new ApiClient(harness.config.url, (await producerKey(['admin'])).key);
      const id = deliveryId(String(event.id), subscription.id);
      const logged = await pollUntil('the failed delivery is in the log', async () => {
        const detail = await admin.get(`/v1/deliveries/${id}`);
        return detail.status === 200 && detail.body.status === 'failed' && detail.body;
      });
      expect(logged.attempts).toHaveLength(1);
      expect(logged.attempts[0].request.body.length).toBeGreaterThan(MAX_EVENT_BYTES - 1_000);
      expect(logged.attempts[0].response.status).toBe(400);
      // The largest record an event can cause: near three times the event, under the broker's 1 MB.
      const record = harness.log.find((message) => JSON.parse(message.value?.toString() ?? '{}').eventId === event.id);
      expect(record?.value?.length).toBeGreaterThan(3 * MAX_EVENT_BYTES);
      expect(quarantined).toEqual([]);
      harness.receiver.answer({ status: 200 });
      await harness.unsubscribeAll();
    });
  });
});

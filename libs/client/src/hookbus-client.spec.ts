import { InvalidEventError, RefusedError, UnavailableError } from './client-errors';
import type { EventInput } from './event-input';
import { HookbusClient } from './hookbus-client';
import { IngestTransport } from './ingest-transport';
import { recordedWaits, ScriptedServer } from './testing/scripted-server';

const order = (orderId: number): EventInput<'order.confirmed'> => ({ type: 'order.confirmed', subject: `order-${orderId}`, data: { companyId: 6316, orderId } });

describe('HookbusClient over HTTP (against a real HTTP server on loopback)', () => {
  let ingest: ScriptedServer;

  beforeAll(async () => {
    ingest = await ScriptedServer.start();
  });
  beforeEach(() => {
    ingest.requests.length = 0;
    ingest.answer();
  });
  afterAll(() => ingest.stop());

  const client = (recorded = recordedWaits(), maxRequestBytes?: number) =>
    new HookbusClient({ source: 'urn:shop', transport: new IngestTransport({ url: ingest.url, key: 'hbk_producer', retry: recorded.retry, maxRequestBytes }) });
  const sent = () => ingest.requests.map((request) => JSON.parse(request.body));

  it('posts one structured CloudEvent built from the typed data, with the producer key; the key decides the tenant', async () => {
    const before = Date.now();
    const event = await client().publish({ type: 'order.confirmed', subject: 'order-6908', data: { companyId: 6316, orderId: '6908' }, origin: 'shop' });

    expect(ingest.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: '/v1/events',
        headers: expect.objectContaining({ authorization: 'Bearer hbk_producer', 'content-type': 'application/cloudevents+json' }),
      }),
    ]);
    expect(sent()).toEqual([
      { specversion: '1.0', id: event.id, source: 'urn:shop', type: 'order.confirmed', time: event.time, subject: 'order-6908', origin: 'shop', data: { companyId: 6316, orderId: '6908' } },
    ]);
    expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(event.time)).toBeGreaterThanOrEqual(before - 1);
  });

  it('keeps the id, source and time it is given', async () => {
    const time = new Date('2026-11-22T10:00:00Z');
    await client().publish({ type: 'refund.applied', subject: 'r-1', data: { amount: 1 }, id: 'evt-1', source: 'urn:refunds', time });

    expect(sent()[0]).toMatchObject({ id: 'evt-1', source: 'urn:refunds', time: '2026-11-22T10:00:00.000Z' });
  });

  it('sends the same id on every retry, so the retried publish is idempotent', async () => {
    const recorded = recordedWaits();
    ingest.answer({ status: 503 }, 'destroy', { status: 429, headers: { 'retry-after': '1' } });

    const event = await client(recorded).publish(order(1));
    expect(sent().map(({ id }) => id)).toEqual([event.id, event.id, event.id, event.id]);
    expect(recorded.waits).toEqual([500, 1000, 1000]);
  });

  it('refuses an event the contract refuses before any request, naming the field and the rule', async () => {
    const error = await client()
      // @ts-expect-error order.confirmed requires data.orderId: the types come from the contract
      .publish({ type: 'order.confirmed', subject: 'order-1', data: { companyId: 6316 } })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(InvalidEventError);
    expect((error as InvalidEventError).issues).toEqual([{ field: 'data.orderId', rule: 'invalid_union', message: 'is required (an int64)' }]);
    expect((error as Error).message).toBe('the event breaks the contract: data.orderId: is required (an int64) (invalid_union)');
    expect(ingest.requests).toEqual([]);
  });

  it('refuses envelope mistakes the types cannot catch, each with its index in a batch', async () => {
    const error = await client()
      .publishBatch([order(1), { ...order(2), time: 'noon' }, { ...order(3), subject: '' }])
      .catch((caught: unknown) => caught);

    expect((error as InvalidEventError).issues.map(({ field, rule }) => ({ field, rule }))).toEqual([
      { field: '[1].time', rule: 'invalid_format' },
      { field: '[2].subject', rule: 'too_small' },
    ]);
    expect(ingest.requests).toEqual([]);
  });

  it('refuses an event larger than ingest-service takes, without sending it', async () => {
    const error = await client()
      .publish({ type: 'order.completed', subject: 'o-1', data: { note: 'x'.repeat(262_144) } })
      .catch((caught: unknown) => caught);

    expect((error as InvalidEventError).issues).toEqual([expect.objectContaining({ field: '(root)', rule: 'max_event_bytes' })]);
    expect(ingest.requests).toEqual([]);
  });

  it('sends a batch as JSON arrays of at most 1,000 events', async () => {
    const events = await client().publishBatch(Array.from({ length: 2_500 }, (_, index) => order(index)));

    expect(ingest.requests.map(({ url, headers }) => [url, headers['content-type']])).toEqual(Array(3).fill(['/v1/events/batch', 'application/cloudevents-batch+json']));
    expect(sent().map((batch) => batch.length)).toEqual([1000, 1000, 500]);
    expect(sent().flat().map(({ id }) => id)).toEqual(events.map(({ id }) => id));
  });

  it('starts a new request before the body would pass maxRequestBytes', async () => {
    await client(recordedWaits(), 1_000).publishBatch(Array.from({ length: 10 }, (_, index) => order(index)));

    expect(ingest.requests.length).toBeGreaterThan(1);
    expect(ingest.requests.every(({ body }) => Buffer.byteLength(body) <= 1_000)).toBe(true);
    expect(sent().flat()).toHaveLength(10);
  });

  it('says which events are unconfirmed when a later request of a batch is refused', async () => {
    ingest.answer({ status: 202 }, { status: 401, body: { title: 'Unauthorized' } });
    const inputs = Array.from({ length: 1_500 }, (_, index) => order(index));

    const error = await client().publishBatch(inputs).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RefusedError);
    expect(error).toMatchObject({ status: 401, problem: { title: 'Unauthorized' } });
    const unconfirmed = (error as RefusedError).unconfirmed;
    expect(unconfirmed.map(({ id }) => id)).toEqual(sent()[1].map(({ id }: { id: string }) => id));
    expect(unconfirmed[0].subject).toBe('order-1000');
  });

  it('gives up with an UnavailableError after the allowed attempts, the event unconfirmed', async () => {
    const recorded = recordedWaits({ attempts: 2 });
    ingest.answer({ status: 500 }, { status: 502 });

    const error = await client(recorded).publish(order(1)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error).toMatchObject({ attempts: 2, status: 502 });
    expect((error as UnavailableError).unconfirmed.map(({ id }) => id)).toEqual([sent()[0].id]);
  });
});

import { eventKey, Topics } from '@hookbus/contracts';
import { type KafkaBus, QuarantineHeaders } from '@hookbus/kafka';
import { collect, pollUntil, testBus, uniqueGroup, uniquePrefix } from '@hookbus/testing';
import { orderConfirmed } from '../support/events';
import { publishApiKey } from '../support/producer-keys';
import { ServiceProcess } from '../support/service-process';

type Problem = { errors: { field: string; rule: string; message: string }[] };

describe('walking skeleton: ingest-service → hookbus.events.v1 → delivery-service (real broker, real processes)', () => {
  const prefix = uniquePrefix('skeleton');
  let ingest: ServiceProcess;
  let delivery: ServiceProcess;
  let bus: KafkaBus;
  let producerKey: string;

  beforeAll(async () => {
    bus = await testBus(prefix);
    producerKey = await publishApiKey(bus, 'tnt_test');
    const env = { KAFKA_TOPIC_PREFIX: prefix };
    [ingest, delivery] = await Promise.all([
      ServiceProcess.spawn('ingest-service', { ...env, LOG_LEVEL: 'warn' }),
      ServiceProcess.spawn('delivery-service', { ...env, LOG_LEVEL: 'debug', KAFKA_GROUP_ID: uniqueGroup('delivery') }),
    ]);
    await Promise.all([ingest.ready(), delivery.ready()]);
  });

  afterAll(async () => {
    await Promise.all([ingest?.stop(), delivery?.stop()]);
    await bus?.disconnect();
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${ingest.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/cloudevents+json', authorization: `Bearer ${producerKey}`, ...headers },
      body: JSON.stringify(body),
    });
  const problem = async (response: Response) => (await response.json()) as Problem;
  const received = (eventId: unknown) =>
    delivery.waitForLog(`delivery-service received event ${String(eventId)}`, (log) => log.message === 'event received' && log.eventId === eventId);

  it('accepts a valid event with 202 and delivery-service consumes it', async () => {
    const event = orderConfirmed();
    const response = await post('/v1/events', event);

    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ ids: [event.id] });
    expect(await received(event.id)).toMatchObject({ type: 'order.confirmed', tenantId: 'tnt_test' });
  });

  it("reports how long events waited before delivery-service took them up, from the record's timestamp", async () => {
    const metrics = () => fetch(`${delivery.url}/metrics`).then((response) => response.text());
    const count = async () => Number(/^hookbus_event_dispatch_lag_seconds_count (\d+)$/m.exec(await metrics())?.[1] ?? 0);
    const before = await count();
    const event = orderConfirmed();

    expect((await post('/v1/events', event)).status).toBe(202);
    await received(event.id);
    await pollUntil('the event is counted', async () => (await count()) === before + 1);
    // In seconds: a loopback trip through the broker takes milliseconds, well inside the 1 s bucket.
    expect(await metrics()).toMatch(new RegExp(`^hookbus_event_dispatch_lag_seconds_bucket\\{le="1"\\} ${before + 1}$`, 'm'));
  });

  it('accepts binary mode (ce-* headers, data as the body)', async () => {
    const { data, ...attributes } = orderConfirmed();
    const headers = Object.fromEntries(Object.entries(attributes).map(([name, value]) => [`ce-${name}`, String(value)]));
    const response = await post('/v1/events', data, { ...headers, 'content-type': 'application/json' });

    expect(response.status).toBe(202);
    await received(attributes.id);
  });

  it('refuses an invalid event with a problem naming the field and the rule, and publishes nothing', async () => {
    const before = await bus.endOffsets(Topics.events.name);
    const badTime = await post('/v1/events', orderConfirmed({ time: 'noon' }));
    const missingId = await post('/v1/events', orderConfirmed({ data: { companyId: 6316 } }));

    expect(badTime.status).toBe(400);
    expect(badTime.headers.get('content-type')).toContain('application/problem+json');
    expect((await problem(badTime)).errors).toEqual([expect.objectContaining({ field: 'time', rule: 'invalid_format' })]);
    expect((await problem(missingId)).errors).toEqual([
      { field: 'data.orderId', rule: 'invalid_union', message: 'is required (an int64)' },
    ]);
    expect(await bus.endOffsets(Topics.events.name)).toEqual(before);
  });

  it('accepts a batch all-or-nothing and names the index of a bad event', async () => {
    const good = [orderConfirmed(), orderConfirmed()];
    const bad = await post('/v1/events/batch', [...good, orderConfirmed({ type: 'order.teleported' })]);
    expect(bad.status).toBe(400);
    expect((await problem(bad)).errors).toEqual([expect.objectContaining({ field: '[2].type' })]);

    const accepted = await post('/v1/events/batch', good);
    expect(accepted.status).toBe(202);
    await Promise.all(good.map((event) => received(event.id)));
  });

  it('quarantines a malformed message published straight to the topic and still consumes the next good one', async () => {
    const quarantined = await collect(bus, Topics.quarantine.name);
    const good = orderConfirmed({ subject: 'order-shared' });
    const key = eventKey('tnt_test', 'order-shared');
    // One key: the malformed messages sit right before the good one on the same partition.
    await bus.publish(Topics.events.name, [
      { key, value: '{"specversion":"1.0", this is not json' },
      { key, value: JSON.stringify(orderConfirmed({ subject: 'order-shared', data: { companyId: 1 } })) },
      { key, value: JSON.stringify(good) },
    ]);

    await received(good.id);
    await pollUntil('both malformed messages are quarantined', () => quarantined.length === 2);
    const [notJson, invalidEvent] = quarantined;
    expect(notJson.key).toBe(key);
    expect(notJson.value?.toString()).toBe('{"specversion":"1.0", this is not json');
    expect(notJson.headers[QuarantineHeaders.reason]).toMatch(/^MalformedMessageError: value is not JSON/);
    expect(invalidEvent.headers[QuarantineHeaders.reason]).toContain('data.orderId');
  });
});

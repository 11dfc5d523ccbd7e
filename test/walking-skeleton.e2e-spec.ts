import type { INestApplication } from '@nestjs/common';
import { eventKey, type HookbusEvent, Topics } from '@hookbus/contracts';
import { KafkaBus, QuarantineHeaders } from '@hookbus/kafka';
import { collect, pollUntil, testBus, uniquePrefix } from '@hookbus/testing';
import { EventDispatcher } from '../apps/delivery-service/src/event-dispatcher';
import { orderConfirmed } from './support/events';
import { startDelivery, startIngest } from './support/in-process-services';

describe('walking skeleton: ingest-service → hookbus.events.v1 → delivery-service (real broker)', () => {
  const prefix = uniquePrefix('skeleton');
  let ingest: INestApplication;
  let delivery: INestApplication;
  let bus: KafkaBus;
  let ingestUrl: string;
  const dispatched: HookbusEvent[] = [];

  beforeAll(async () => {
    bus = await testBus(prefix);
    [ingest, delivery] = await Promise.all([startIngest(prefix), startDelivery(prefix)]);
    ingestUrl = await ingest.getUrl();
    // Observe the real dispatcher; the event still goes through it.
    const dispatcher = delivery.get(EventDispatcher);
    const dispatch = dispatcher.dispatch.bind(dispatcher);
    jest.spyOn(dispatcher, 'dispatch').mockImplementation(async (event) => {
      dispatched.push(event);
      return dispatch(event);
    });
  });

  afterAll(async () => {
    await Promise.all([ingest?.close(), delivery?.close()]);
    await bus?.disconnect();
  });

  type Problem = { errors: { field: string; rule: string; message: string }[] };
  const problem = async (response: Response) => (await response.json()) as Problem;

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${ingestUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/cloudevents+json', ...headers },
      body: JSON.stringify(body),
    });

  it('accepts a valid event with 202 and delivery-service consumes it', async () => {
    const event = orderConfirmed();
    const response = await post('/v1/events', event);

    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ ids: [event.id] });
    const consumed = await pollUntil('delivery-service dispatched the event', () =>
      dispatched.find(({ id }) => id === event.id),
    );
    expect(consumed).toMatchObject({ type: 'order.confirmed', subject: event.subject, data: { companyId: 6316, orderId: 6908 } });
  });

  it('accepts binary mode (ce-* headers, data as the body)', async () => {
    const { data, ...attributes } = orderConfirmed();
    const headers = Object.fromEntries(Object.entries(attributes).map(([name, value]) => [`ce-${name}`, String(value)]));
    const response = await post('/v1/events', data, { ...headers, 'content-type': 'application/json' });

    expect(response.status).toBe(202);
    await pollUntil('the binary-mode event is dispatched', () => dispatched.some(({ id }) => id === attributes.id));
  });

  it('refuses an invalid event with a problem naming the field and the rule, and publishes nothing', async () => {
    const before = await bus.endOffsets(Topics.events.name);
    const response = await post('/v1/events', orderConfirmed({ data: { companyId: 6316 }, time: 'noon' }));

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect((await problem(response)).errors).toEqual([
      expect.objectContaining({ field: 'time', rule: 'invalid_format' }),
    ]);
    const invalidData = await post('/v1/events', orderConfirmed({ data: { companyId: 6316 } }));
    expect((await problem(invalidData)).errors).toEqual([
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
    await pollUntil('both batch events are dispatched', () => good.every((event) => dispatched.some(({ id }) => id === event.id)));
  });

  it('quarantines a malformed message published straight to the topic and still consumes the next good one', async () => {
    const quarantined = await collect(bus, Topics.quarantine.name);
    const good = orderConfirmed({ subject: 'order-shared' });
    const key = eventKey('tnt_test', 'order-shared');
    // Same key as the good event, so the malformed one sits right before it on the same partition.
    await bus.publish(Topics.events.name, [
      { key, value: '{"specversion":"1.0", this is not json' },
      { key, value: JSON.stringify(orderConfirmed({ subject: 'order-shared', data: { companyId: 1 } })) },
      { key, value: JSON.stringify(good) },
    ]);

    await pollUntil('the good event after the malformed ones is dispatched', () => dispatched.some(({ id }) => id === good.id));
    await pollUntil('both malformed messages are quarantined', () => quarantined.length === 2);
    const [notJson, invalidEvent] = quarantined;
    expect(notJson.value?.toString()).toBe('{"specversion":"1.0", this is not json');
    expect(notJson.headers[QuarantineHeaders.reason]).toMatch(/^MalformedMessageError: value is not JSON/);
    expect(invalidEvent.headers[QuarantineHeaders.reason]).toContain('data.orderId');
    expect(notJson.key).toBe(key);
  });
});

import { randomUUID } from 'node:crypto';
import { eventKey, Topics } from '@hookbus/contracts';
import { pollUntil, testDatabases } from '@hookbus/testing';
import { DeliveryHarness } from '../support/delivery-harness';
import { ServiceProcess } from '../support/service-process';

// Records are asserted structurally.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

jest.setTimeout(120_000);

const COOL_DOWN_SECONDS = 2;

/**
 * Per-endpoint flow control on real processes: a burst to one healthy endpoint waits its turn in
 * memory and keeps each subject's order; a rate-limited subscription is paced; an endpoint whose
 * circuit opens has its deliveries put off (no request, no retry used) and delivered once it answers.
 */
describe('endpoint flow control (real broker, real HTTP, delivery-service and retry-scheduler)', () => {
  let harness: DeliveryHarness;
  let scheduler: ServiceProcess;
  const [schedulerDb] = testDatabases();

  beforeAll(async () => {
    harness = await DeliveryHarness.start('endpoint-flow', {
      HOOKBUS_EGRESS_ALLOW: '127.0.0.1',
      DELIVERY_CIRCUIT_FAILURES: '3',
      DELIVERY_CIRCUIT_COOL_DOWN_SECONDS: String(COOL_DOWN_SECONDS),
    });
    scheduler = await (await ServiceProcess.spawn('retry-scheduler', { KAFKA_TOPIC_PREFIX: harness.prefix, DATABASE_URL: schedulerDb.url, RETRY_POLL_MS: '50', LOG_LEVEL: 'warn' })).ready();
  });

  // Each test its own endpoint.
  beforeEach(() => harness.useNewReceiver());
  afterEach(() => harness.unsubscribeAll());
  afterAll(async () => {
    await scheduler?.stop();
    await harness?.stop();
    await schedulerDb.drop();
  });

  /** Publishes `count` events of each subject, numbered, in one produce request. */
  async function burst(subjects: number, count: number, type = 'order.completed'): Promise<Json[]> {
    const events = Array.from({ length: count }, (_, n) =>
      Array.from({ length: subjects }, (_, s) => ({
        specversion: '1.0', id: randomUUID(), source: 'urn:hookbus:test', type, time: new Date().toISOString(),
        subject: `s-${s}`, tenantid: harness.tenantId, data: { subject: `s-${s}`, n },
      })),
    ).flat();
    await harness.bus.publish(Topics.events.name, events.map((event) => ({ key: eventKey(harness.tenantId, event.subject), value: JSON.stringify(event) })));
    return events;
  }
  const numbersBySubject = (bodies: Json[]) => {
    const bySubject = new Map<string, number[]>();
    for (const { data } of bodies) bySubject.set(data.subject, [...(bySubject.get(data.subject) ?? []), data.n]);
    return bySubject;
  };
  const putOffsOf = (subscriptionId: string) =>
    harness.deadLetters.map((message) => JSON.parse(message.value?.toString() ?? 'null')).filter((record: Json) => record?.subscriptionId === subscriptionId && record.deferrals);

  it('a burst to one healthy endpoint goes out as fast as it answers, each subject in order, nothing put off', async () => {
    harness.receiver.answer({ status: 200, delayMs: 2 });
    const sub = await harness.subscribe({ plugin: 'postback', hook: 'order.completed', url: `${harness.receiver.url}/erp` });
    const events = await burst(8, 50);

    await pollUntil('every event arrived', () => harness.receiver.requests.length >= events.length, { timeoutMs: 60_000 });
    expect(harness.receiver.requests).toHaveLength(events.length);
    for (const [subject, numbers] of numbersBySubject(harness.receiver.requests.map((request) => JSON.parse(request.body)))) {
      expect({ subject, numbers }).toEqual({ subject, numbers: Array.from({ length: 50 }, (_, n) => n) });
    }
    await harness.eventsHandled();
    expect(putOffsOf(sub.id)).toEqual([]);
    // It answered quickly all along: its concurrency grew from where it started.
    const last = await pollUntil('the last attempts are logged', () => {
      const records = harness.log.map((message) => JSON.parse(message.value?.toString() ?? 'null')).filter((record: Json) => record.subscriptionId === sub.id);
      return records.length === events.length && records;
    });
    expect(Math.max(...last.map((record: Json) => record.endpoint.concurrency))).toBeGreaterThan(4);
  });

  it('paces a subscription with a rate limit; those that would wait long go to the retry path at their moment, using up no retry', async () => {
    harness.receiver.answer({ status: 200 });
    const sub = await harness.subscribe({ plugin: 'postback', hook: 'order.completed', url: `${harness.receiver.url}/paced`, rateLimit: { perSecond: 10 } });
    // 20 subjects: all 20 ask for their turn at once (a subject's events would wait for each other).
    const events = await burst(20, 1);

    await pollUntil('every event arrived', () => harness.receiver.requests.length >= events.length, { timeoutMs: 30_000 });
    const times = harness.receiver.requests.map((request) => request.receivedAt).sort((a, b) => a - b);
    // 20 deliveries at 10 a second: the first goes at once, the last 1.9 s later; those whose turn
    // was more than a second away went through the retry path.
    expect(times[times.length - 1] - times[0]).toBeGreaterThanOrEqual(1_800);
    const putOff = putOffsOf(sub.id);
    expect(putOff.length).toBeGreaterThan(0);
    expect(putOff.every((record: Json) => record.attempt === 1 && record.reason.startsWith('rate_limited: '))).toBe(true);
    expect(new Set(harness.receiver.requests.map((request) => request.headers['webhook-id'])).size).toBe(events.length);

    // The API shows the limit, refuses a bad one naming the field, and lifts it with null.
    expect((await harness.client.get(`/v1/subscriptions/${sub.id}`)).body.rateLimit).toEqual({ perSecond: 10 });
    const refused = await harness.client.patch(`/v1/subscriptions/${sub.id}`, { rateLimit: { perSecond: 0 } });
    expect(refused).toMatchObject({ status: 400, body: { errors: [expect.objectContaining({ field: 'rateLimit.perSecond', rule: 'too_small' })] } });
    const lifted = await harness.client.patch(`/v1/subscriptions/${sub.id}`, { rateLimit: null });
    expect(lifted.status).toBe(200);
    expect(lifted.body.rateLimit).toBeUndefined();
  });

  it('opens the circuit of a failing endpoint: later deliveries are put off without a request, put off again when a probe fails, and delivered once it answers', async () => {
    harness.receiver.answer({ status: 500 });
    // A long policy: a failed attempt does not come back during the test.
    await harness.subscribe({ plugin: 'postback', hook: 'order.completed', url: `${harness.receiver.url}/down`, retryPolicy: { delaysSeconds: [600] } });
    await burst(3, 1);
    await pollUntil('three failed attempts opened the circuit', () => harness.receiver.requests.length === 3);
    await harness.eventsHandled();

    const later = await burst(3, 1);
    const [first] = await harness.records(harness.log, later[0].id);
    expect(first).toMatchObject({ attempt: 1, outcome: 'retrying', deferrals: 1, error: expect.stringMatching(/^circuit_open: /), endpoint: { circuit: 'open' } });
    expect(harness.receiver.requests).toHaveLength(3);
    const metrics = await (await fetch(`${harness.delivery.url}/metrics`)).text();
    expect(metrics).toContain(`hookbus_endpoint_circuit_state{endpoint="${harness.receiver.url}"} 2`);

    // Still failing when the cool-down ends: one of them is the probe and fails; the circuit opens
    // for twice as long and the other two are put off again with the same attempt number.
    const putOffTwice = () => later.filter((event) => harness.parsed(harness.deadLetters, event.id).some((record) => record.deferrals === 2));
    await pollUntil('two deliveries were put off a second time', () => putOffTwice().length === 2, { timeoutMs: 30_000 });
    expect(harness.receiver.requests).toHaveLength(4);
    harness.receiver.answer({ status: 200 });

    const deliveredOf = (event: Json) => harness.parsed(harness.log, event.id).find((record) => record.outcome === 'delivered');
    await pollUntil('both are delivered', () => putOffTwice().every(deliveredOf), { timeoutMs: 60_000 });
    // Put off twice, yet their first attempt: no retry was used up.
    for (const event of putOffTwice()) expect(deliveredOf(event)).toMatchObject({ attempt: 1, deferrals: 2, endpoint: { circuit: 'closed' } });
    // The delivery detail shows it too, once config-service has the record.
    const shown = await pollUntil('the delivery detail shows the delivered attempt', async () => {
      const detail = await harness.client.get(`/v1/deliveries/${deliveredOf(putOffTwice()[0]).deliveryId}`);
      return detail.body?.status === 'delivered' && detail.body;
    });
    expect(shown.attempts).toEqual([expect.objectContaining({ n: 1, outcome: 'delivered', deferrals: 2, endpoint: { concurrency: expect.any(Number), circuit: 'closed' } })]);
    const probe = later.find((event) => !putOffTwice().includes(event));
    expect(harness.parsed(harness.log, probe.id)).toContainEqual(expect.objectContaining({ attempt: 1, outcome: 'retrying', response: expect.objectContaining({ status: 500 }) }));
    expect(harness.receiver.requests).toHaveLength(6);
  });
});

import { randomUUID } from 'node:crypto';
import { deliveryId, Topics } from '@hookbus/contracts';
import { pollUntil } from '@hookbus/testing';
import { DeliveryHarness } from '../support/delivery-harness';
import { WebhookReceiver } from '../support/webhook-receiver';

const EVENTS = 40;
const PER_ENDPOINT = 2;
// komet's timeout is 15 s: B must have everything well before A's held requests could time out.
const WELL_BEFORE_TIMEOUT_MS = 10_000;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

describe('a hanging endpoint does not hold up the same tenant\'s other subscriptions (real broker, real HTTP)', () => {
  let harness: DeliveryHarness;
  let hanging: WebhookReceiver;

  beforeAll(async () => {
    harness = await DeliveryHarness.start('delivery-isolation', {
      HOOKBUS_EGRESS_ALLOW: '127.0.0.1',
      DELIVERY_MAX_PER_ENDPOINT: String(PER_ENDPOINT),
    });
    hanging = await WebhookReceiver.start();
  });

  afterAll(async () => {
    // Closing A's held connections first lets delivery-service drain and stop at once.
    await hanging?.stop();
    await harness?.stop();
  });

  it(`B receives all ${EVENTS} events while A holds every request open; once A is silent past its stall time, the rest of A's go to the retry path as endpoint_not_answering`, async () => {
    hanging.answer('hold');
    harness.receiver.answer({ status: 200, body: '{"status":"1","message":"ok"}' });
    const a = await harness.subscribe({ plugin: 'komet', hook: 'order-confirmation', url: `${hanging.url}/a` });
    const b = await harness.subscribe({ plugin: 'komet', hook: 'order-confirmation', url: `${harness.receiver.url}/b` });

    // One event at a time; A's slots fill and stay full, A's next deliveries wait until A counts as
    // not answering, then go to the retry path (no retry-scheduler runs here to bring them back).
    const atB = () => harness.receiver.at('/b');
    const started = Date.now();
    const publishedAt = new Map<string, number>();
    for (let orderId = 1; orderId <= EVENTS; orderId += 1) {
      const at = Date.now();
      const event = await harness.publishEvent('order.confirmed', { companyId: 6316, orderId });
      publishedAt.set(deliveryId(event.id, b.id), at);
      await pollUntil(`B received event ${orderId}`, () => atB().length >= orderId, { timeoutMs: WELL_BEFORE_TIMEOUT_MS, intervalMs: 2 });
    }
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(WELL_BEFORE_TIMEOUT_MS);
    expect(new Set(atB().map((request) => request.headers['webhook-id'])).size).toBe(EVENTS);

    // A got only its slots' worth of requests; everything else was put off, not sent.
    const busyA = () =>
      harness.deadLetters
        .map((message) => JSON.parse(message.value?.toString('utf8') ?? 'null'))
        .filter((record) => record?.subscriptionId === a.id && String(record.reason).startsWith('endpoint_not_answering:'));
    await pollUntil(`A's overflow is dead-lettered`, () => busyA().length >= EVENTS - PER_ENDPOINT);
    expect(hanging.requests.length).toBe(PER_ENDPOINT);
    // Different deliveries sit on different partitions and arrive in any order; a later silence
    // waits twice as long, so the earliest due is the first.
    const [first] = busyA().sort((x, y) => Date.parse(x.dueAt) - Date.parse(y.dueAt));
    // The same attempt, put off once: no retry is used up, and its release has an id of its own.
    expect(first).toMatchObject({ attempt: 1, deferrals: 1, tenantId: harness.tenantId });
    // Due after the first retreat (10 s, plus up to half as much again to spread the returns).
    expect(Date.parse(first.dueAt) - Date.now()).toBeLessThanOrEqual(15_000);
    const logged = await pollUntil('the put-off attempt is logged', () => harness.parsed(harness.log, first.eventId).find((record) => record.subscriptionId === a.id));
    expect(logged).toMatchObject({ attempt: 1, outcome: 'retrying', deferrals: 1, dueAt: first.dueAt, error: expect.stringMatching(/^endpoint_not_answering: /), endpoint: { concurrency: PER_ENDPOINT, circuit: 'closed' } });

    const latencies = atB()
      .map((request) => request.receivedAt - (publishedAt.get(String(request.headers['webhook-id'])) ?? Number.NaN))
      .sort((x, y) => x - y);
    console.log(`isolation: B got ${EVENTS} events in ${elapsed} ms; event-to-delivery p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms`);
  });
});

describe('a burst of retries does not hold up fresh events (real broker, real HTTP)', () => {
  const LANE = 2;
  let harness: DeliveryHarness;
  let hanging: WebhookReceiver;

  beforeAll(async () => {
    // Both bounds tiny: before retries had a lane of their own, two held retries took every slot.
    harness = await DeliveryHarness.start('delivery-retry-lane', {
      HOOKBUS_EGRESS_ALLOW: '127.0.0.1',
      DELIVERY_MAX_IN_FLIGHT: String(LANE),
      DELIVERY_RETRY_MAX_IN_FLIGHT: String(LANE),
    });
    hanging = await WebhookReceiver.start();
  });

  afterAll(async () => {
    await hanging?.stop();
    await harness?.stop();
  });

  it(`an event reaches B while ${LANE} retries to A hang and more wait behind them`, async () => {
    hanging.answer('hold');
    harness.receiver.answer({ status: 200, body: '{"status":"1","message":"ok"}' });
    const a = await harness.subscribe({ plugin: 'komet', hook: 'order-confirmation', url: `${hanging.url}/a` });
    await harness.subscribe({ plugin: 'komet', hook: 'order-confirmation', url: `${harness.receiver.url}/b` });

    // Released straight onto the retry topic, addressed to A only, as the retry-scheduler does.
    const releases = Array.from({ length: 3 * LANE }, (_, n) => {
      const event = { specversion: '1.0', id: randomUUID(), source: 'urn:hookbus:test', type: 'order.confirmed', time: new Date().toISOString(), subject: `r-${n}`, tenantid: harness.tenantId, data: { companyId: 6316, orderId: n } };
      return { deliveryId: deliveryId(event.id, a.id), eventId: event.id, subscriptionId: a.id, tenantId: harness.tenantId, attempt: 2, event, manual: false };
    });
    await harness.bus.publish(Topics.retries.name, releases.map((release) => ({ key: release.deliveryId, value: JSON.stringify(release) })));
    const released = new Set(releases.map((release) => release.deliveryId));
    const heldRetries = () => hanging.requests.filter((request) => released.has(String(request.headers['webhook-id']))).length;
    await pollUntil(`A holds ${LANE} retries`, () => heldRetries() === LANE);

    // The event goes to A (held too) and B.
    await harness.publishEvent('order.confirmed', { companyId: 6316, orderId: 1 });
    // komet's timeout is 15 s: B's delivery must come while A still holds its retries, the rest queued.
    await pollUntil('B received the event', () => harness.receiver.at('/b').length === 1, { timeoutMs: WELL_BEFORE_TIMEOUT_MS });
    expect(heldRetries()).toBe(LANE);
  });
});

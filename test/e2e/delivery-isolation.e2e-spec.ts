import { deliveryId } from '@hookbus/contracts';
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

  it(`B receives all ${EVENTS} events while A holds every request open; A's excess goes to the retry path as endpoint_busy`, async () => {
    hanging.answer('hold');
    harness.receiver.answer({ status: 200, body: '{"status":"1","message":"ok"}' });
    const a = await harness.subscribe({ plugin: 'komet', hook: 'order-confirmation', url: `${hanging.url}/a` });
    const b = await harness.subscribe({ plugin: 'komet', hook: 'order-confirmation', url: `${harness.receiver.url}/b` });

    // One event at a time: B's own concurrency stays within its slots, so none of B's deliveries
    // overflow (no retry-scheduler runs here to bring them back); A's slots fill and stay full.
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

    // A got only its slots' worth of requests; everything else was dead-lettered, not waited for.
    const busyA = () =>
      harness.deadLetters
        .map((message) => JSON.parse(message.value?.toString('utf8') ?? 'null'))
        .filter((record) => record?.subscriptionId === a.id && String(record.reason).startsWith('endpoint_busy:'));
    await pollUntil(`A's overflow is dead-lettered`, () => busyA().length >= EVENTS - PER_ENDPOINT);
    expect(hanging.requests.length).toBe(PER_ENDPOINT);
    const [first] = busyA();
    expect(first).toMatchObject({ attempt: 1, tenantId: harness.tenantId });
    // Due soon: the endpoint is busy, not failing.
    expect(Date.parse(first.dueAt) - Date.now()).toBeLessThanOrEqual(10_000);
    const logged = await pollUntil('the overflow is logged', () => harness.parsed(harness.log, first.eventId).find((record) => record.subscriptionId === a.id));
    expect(logged).toMatchObject({ attempt: 1, outcome: 'retrying', error: expect.stringMatching(/^endpoint_busy: /) });

    const latencies = atB()
      .map((request) => request.receivedAt - (publishedAt.get(String(request.headers['webhook-id'])) ?? Number.NaN))
      .sort((x, y) => x - y);
    console.log(`isolation: B got ${EVENTS} events in ${elapsed} ms; event-to-delivery p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms`);
  });
});

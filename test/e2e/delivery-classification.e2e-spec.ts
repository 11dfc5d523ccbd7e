import { deliveryId, Topics } from '@hookbus/contracts';
import { DeliveryHarness } from '../support/delivery-harness';

const path = (label: string) => `/${label}-${Math.random().toString(36).slice(2, 8)}`;
const SECOND = 1_000;
// delivery-service adds up to 10 % jitter to a policy delay, never less.
const MAX_JITTER = 1.1;

// Which record each answer leads to is the delivery rules' to test, in milliseconds
// (apps/delivery-service/src/delivery/rules); here only what needs the real broker and real HTTP.
describe('delivery-service classifies answers into log, dead-letter and notification records (real broker, real HTTP)', () => {
  let harness: DeliveryHarness;

  beforeAll(async () => {
    harness = await DeliveryHarness.start('delivery-classify');
  });

  // Each test its own endpoint: a pause or an open circuit of one must not carry over to the next.
  beforeEach(() => harness.useNewReceiver());
  afterEach(() => harness.unsubscribeAll());
  afterAll(() => harness?.stop());

  /** Subscribes a receiver path answering `reply`, publishes one event and returns its log record. */
  const deliverOnce = async (subscription: Record<string, unknown>, reply: Parameters<DeliveryHarness['receiver']['answer']>[0], type: string, data: unknown) => {
    const at = path(String(subscription.plugin));
    harness.receiver.answer(reply);
    const sub = await harness.subscribe({ ...subscription, url: `${harness.receiver.url}${at}` });
    const sentAt = Date.now();
    const event = await harness.publishEvent(type, data);
    const [log] = await harness.records(harness.log, event.id);
    return { sub, event, log, sentAt, at };
  };
  const postback = { plugin: 'postback', hook: 'order.completed' };
  const deadLetterOf = async (eventId: string) => (await harness.records(harness.deadLetters, eventId))[0];
  const notificationsOf = (eventId: string, count = 1) => harness.records(harness.notifications, eventId, count);

  it('postback 503 with Retry-After: 120: the endpoint pauses; the delivery is put off until then as the same attempt, using up no retry', async () => {
    const { event, log, sub, sentAt } = await deliverOnce(postback, { status: 503, headers: { 'retry-after': '120' } }, 'order.completed', { n: 1 });

    expect(log).toMatchObject({ outcome: 'retrying', attempt: 1, deferrals: 1, response: { status: 503 }, error: expect.stringMatching(/^endpoint_paused: /) });
    expect(log.endpoint).toMatchObject({ circuit: 'closed', until: expect.any(String) });
    const record = await deadLetterOf(event.id);
    expect(record).toMatchObject({ deliveryId: deliveryId(event.id, sub.id), attempt: 1, deferrals: 1, dueAt: log.dueAt, event: { id: event.id } });
    const due = Date.parse(record.dueAt) - sentAt;
    expect(due).toBeGreaterThanOrEqual(120 * SECOND - 100);
    expect(due).toBeLessThan((120 * MAX_JITTER + 10) * SECOND);

    // The whole endpoint waits: another delivery to it is put off without a request.
    const other = await harness.publishEvent('order.completed', { n: 2 });
    expect((await harness.records(harness.log, other.id))[0]).toMatchObject({ attempt: 1, deferrals: 1, error: expect.stringMatching(/^endpoint_paused: /) });
    expect(harness.receiver.requests).toHaveLength(1);
  });

  it.each([
    ['postback 400', { status: 400 }, /^HTTP 400/, undefined],
    ['postback connection dropped', 'destroy' as const, /^connection/, /^connection/],
  ])('%s: failed at once, never retried', async (_label, reply, reason, error) => {
    const { event, log } = await deliverOnce(postback, reply, 'order.completed', { n: 2 });

    expect(log.outcome).toBe('failed');
    if (error) expect(log.error).toMatch(error);
    const [notification] = await notificationsOf(event.id);
    expect(notification).toMatchObject({ type: 'delivery.failed' });
    expect(notification.reason).toMatch(reason);
    expect(harness.parsed(harness.deadLetters, event.id)).toEqual([]);
  });

  it('postback timeout: failed after its 30 s timeout, never retried', async () => {
    const at = path('postback-timeout');
    harness.receiver.answer('hold');
    await harness.subscribe({ ...postback, url: `${harness.receiver.url}${at}` });
    const sentAt = Date.now();
    const event = await harness.publishEvent('order.completed', { n: 3 });
    const [log] = await harness.records(harness.log, event.id, 1, 60 * SECOND);

    expect(log).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/^timeout/) });
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(30 * SECOND);
    const [notification] = await notificationsOf(event.id);
    expect(notification).toMatchObject({ type: 'delivery.failed' });
    expect(harness.parsed(harness.deadLetters, event.id)).toEqual([]);
    expect(harness.receiver.at(at)).toHaveLength(1);
  }, 90 * SECOND);

  it('a retry released on the retry topic is attempted with its number; the last one fails and notifies', async () => {
    const { event, sub, at } = await deliverOnce({ ...postback, retryPolicy: { delaysSeconds: [1] } }, { status: 502 }, 'order.completed', { n: 3 });
    // It names its plugin and hook, so that the deployment hosting postback takes the retry.
    expect(await deadLetterOf(event.id)).toMatchObject({ ...postback, attempt: 2 });
    const release = { deliveryId: deliveryId(event.id, sub.id), eventId: event.id, subscriptionId: sub.id, tenantId: harness.tenantId, attempt: 2, event, manual: false };
    await harness.bus.publish(Topics.retries.name, [{ key: release.deliveryId, value: JSON.stringify(release) }]);

    const logs = await harness.records(harness.log, event.id, 2);
    expect(logs[1]).toMatchObject({ attempt: 2, outcome: 'failed', response: { status: 502 } });
    expect(harness.receiver.at(at).map((request) => request.headers['webhook-id'])).toEqual([release.deliveryId, release.deliveryId]);
    const [notification] = await notificationsOf(event.id);
    expect(notification).toMatchObject({ type: 'delivery.failed', deliveryId: release.deliveryId, vendorTitle: 'Postback notifications' });
    expect(harness.parsed(harness.deadLetters, event.id)).toHaveLength(1);
  });

});

import { deliveryId } from '@hookbus/contracts';
import { pollUntil } from '@hookbus/testing';
import { HTTP } from 'cloudevents';
import { Webhook } from 'standardwebhooks';
import { DeliveryHarness } from '../support/delivery-harness';
import { FailurePath } from '../support/failure-path';
import type { ReceivedRequest } from '../support/webhook-receiver';

// Records are asserted structurally.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const path = (label: string) => `/${label}-${Math.random().toString(36).slice(2, 8)}`;
const asCloudEvent = (request: ReceivedRequest) => HTTP.toEvent({ headers: request.headers as Record<string, string>, body: request.body }) as Json;

/**
 * The generic webhook plugin on real processes: events picked by type or pattern, as CloudEvents
 * in both modes of the HTTP binding, verified by the `standardwebhooks` and `cloudevents` packages;
 * retried through the retry-scheduler; 410 disables; failures e-mailed with the generic template.
 */
describe('webhook plugin: CloudEvents over HTTP, Standard Webhooks signed (real broker, HTTP, SMTP)', () => {
  let harness: DeliveryHarness;
  let failures: FailurePath;

  beforeAll(async () => {
    harness = await DeliveryHarness.start('webhook-plugin');
    failures = await FailurePath.start(harness);
  });

  afterEach(() => harness.unsubscribeAll());
  afterAll(async () => {
    await failures?.stop();
    await harness?.stop();
  });

  const arrived = (at: string, count = 1) =>
    pollUntil(`the receiver got ${count} request(s) at ${at}`, () => harness.receiver.at(at).length >= count && harness.receiver.at(at));
  const logsOf = async (eventId: string, count: number) =>
    (await harness.records(harness.log, eventId, count)).map((record: Json) => [record.attempt, record.outcome]);

  it('structured: the events an order.* pattern picks, each verified and parsed as the CloudEvent produced; a vendor plugin gets the same type too', async () => {
    const at = path('structured');
    harness.receiver.answer((request) => (request.url === at ? { status: 202 } : { status: 200, body: '{"status":"1"}' }));
    const sub = await harness.subscribe({ plugin: 'webhook', hook: 'events', url: `${harness.receiver.url}${at}`, settings: { eventTypes: ['order.*'] } });
    const komet = path('komet');
    await harness.subscribe({ plugin: 'komet', hook: 'order-confirmation', url: `${harness.receiver.url}${komet}` });

    const confirmed = await harness.publishEvent('order.confirmed', { companyId: 6316, orderId: 6908 }, { origin: 'shop' });
    const shipped = await harness.publishEvent('shipment.status_changed', { orderNo: 'KOM-1', awb: 'JNE1', status: 'Dikirim' });
    const cancelled = await harness.publishEvent('order.cancelled', { companyId: 6316, orderId: 6909 });

    const requests = await arrived(at, 2);
    await harness.eventsHandled();
    expect(harness.receiver.at(at)).toHaveLength(2);
    expect(harness.receiver.at(komet)).toHaveLength(1);
    for (const [request, event] of [[requests[0], confirmed], [requests[1], cancelled]] as const) {
      expect(request.headers['content-type']).toBe('application/cloudevents+json; charset=utf-8');
      expect(() => new Webhook(sub.signingSecret).verify(request.body, request.headers as Record<string, string>)).not.toThrow();
      expect(request.headers['webhook-id']).toBe(deliveryId(event.id, sub.id));
      expect(JSON.parse(request.body)).toEqual(event);
      expect(asCloudEvent(request)).toMatchObject({ id: event.id, type: event.type, subject: event.subject, tenantid: harness.tenantId, data: event.data });
    }
    expect(harness.receiver.requests.some((request) => request.body.includes(shipped.id))).toBe(false);
    // Two deliveries of the one event: the webhook subscription's and the komet one's.
    expect(await logsOf(confirmed.id, 2)).toEqual([[1, 'delivered'], [1, 'delivered']]);
  });

  it('binary: ce-* headers and the data alone as the body, Basic auth, verified over that body', async () => {
    const at = path('binary');
    harness.receiver.answer({ status: 204 });
    const sub = await harness.subscribe({
      plugin: 'webhook',
      hook: 'events',
      url: `${harness.receiver.url}${at}`,
      auth: { type: 'basic', username: 'shop', password: 'pa55word' },
      settings: { eventTypes: ['refund.applied'], mode: 'binary' },
    });
    const event = await harness.publishEvent('refund.applied', { refundId: 'r-1', amount: 12.5 }, { origin: 'funnel' });

    const [request] = await arrived(at);
    expect(request.headers).toMatchObject({
      'content-type': 'application/json',
      'ce-specversion': '1.0',
      'ce-id': event.id,
      'ce-type': 'refund.applied',
      'ce-subject': event.subject,
      'ce-tenantid': harness.tenantId,
      'ce-origin': 'funnel',
      authorization: `Basic ${Buffer.from('shop:pa55word').toString('base64')}`,
    });
    expect(request.body).toBe('{"refundId":"r-1","amount":12.5}');
    expect(() => new Webhook(sub.signingSecret).verify(request.body, request.headers as Record<string, string>)).not.toThrow();
    expect(asCloudEvent(request)).toMatchObject({ id: event.id, source: event.source, type: 'refund.applied', origin: 'funnel', data: event.data });
  });

  it('retries 503 on the default schedule, first after 5 s plus jitter, through the retry-scheduler', async () => {
    const at = path('retry');
    let calls = 0;
    harness.receiver.answer(() => (++calls === 1 ? { status: 503 } : { status: 200 }));
    await harness.subscribe({ plugin: 'webhook', hook: 'events', url: `${harness.receiver.url}${at}`, settings: { eventTypes: ['transaction.declined'] } });
    const event = await harness.publishEvent('transaction.declined', { transactionId: 't-1' });

    expect(await logsOf(event.id, 2)).toEqual([[1, 'retrying'], [2, 'delivered']]);
    const [first, second] = harness.receiver.at(at);
    const [deadLetter] = await harness.records(harness.deadLetters, event.id);
    const waitedMs = Date.parse(deadLetter.dueAt) - first.receivedAt;
    expect(waitedMs).toBeGreaterThanOrEqual(5_000 - 50);
    expect(waitedMs).toBeLessThanOrEqual(5_500 + 200);
    expect(second.receivedAt).toBeGreaterThanOrEqual(Date.parse(deadLetter.dueAt));
  });

  it('410 Gone disables the subscription; 400 fails at once; each failure is e-mailed once through the generic template with the plugin title', async () => {
    const gone = path('gone');
    const refuses = path('refuses');
    harness.receiver.answer((request) => (request.url === gone ? { status: 410 } : { status: 400, body: 'bad' }));
    const goneSub = await harness.subscribe({ plugin: 'webhook', hook: 'events', url: `${harness.receiver.url}${gone}`, settings: { eventTypes: ['order.completed'] } });
    await harness.subscribe({
      plugin: 'webhook',
      hook: 'events',
      url: `${harness.receiver.url}${refuses}`,
      errorEmails: ['ops@example.com'],
      settings: { eventTypes: ['customer.created'] },
    });
    await harness.publishEvent('order.completed', { orderId: 1 });
    const refused = await harness.publishEvent('customer.created', { customerId: 'c-1' }, { subject: 'customer-77' });

    const subscription = await pollUntil(`subscription ${goneSub.id} is disabled`, async () => {
      const { body } = await harness.client.get(`/v1/subscriptions/${goneSub.id}`);
      return body.status === 'disabled' && body;
    });
    expect(subscription).toMatchObject({ enabled: false, disabledReason: expect.stringContaining('410') });

    expect(await logsOf(refused.id, 1)).toEqual([[1, 'failed']]);
    const [mail] = await failures.sink.waitFor(1, (message) => message.envelope.to.includes('ops@example.com'));
    expect(mail.subject).toContain('Webhook (CloudEvents)');
    expect(mail.subject).toContain('customer-77');
    expect(mail.text).toContain(`${harness.receiver.url}${refuses}`);
    expect(mail.text).toContain('400');
    await failures.notificationsHandled();
    expect(failures.sink.to('ops@example.com')).toHaveLength(1);
  });
});

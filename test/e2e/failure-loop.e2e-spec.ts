import { deliveryId } from '@hookbus/contracts';
import { pollUntil } from '@hookbus/testing';
import { DeliveryHarness } from '../support/delivery-harness';
import { FailurePath } from '../support/failure-path';
import type { SmtpSink } from '../support/smtp-sink';

// Records are asserted structurally.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/**
 * The whole failure loop on real processes: delivery-service dead-letters a failed attempt, the
 * retry-scheduler holds it until due and releases it, delivery-service tries again, and once the
 * delivery has failed for good the notifier-service e-mails its contacts through a real SMTP server.
 */
describe('failure loop: delivery → dead letter → retry-scheduler → retry → e-mail (real broker, SMTP, HTTP)', () => {
  let harness: DeliveryHarness;
  let failures: FailurePath;
  let sink: SmtpSink;

  beforeAll(async () => {
    harness = await DeliveryHarness.start('failure-loop');
    failures = await FailurePath.start(harness);
    sink = failures.sink;
  });

  afterEach(() => harness.unsubscribeAll());
  afterAll(async () => {
    await failures?.stop();
    await harness?.stop();
  });

  const logsOf = async (eventId: string, count: number) =>
    (await harness.records(harness.log, eventId, count)).map((record: Json) => [record.attempt, record.outcome]);
  const notificationsHandled = () => failures.notificationsHandled();

  it('a receiver answering 503 that recovers before the retries run out gets the delivery, at the policy pace, and nobody is e-mailed', async () => {
    let calls = 0;
    harness.receiver.answer(() => (++calls <= 2 ? { status: 503 } : { status: 200, body: '{"status":"1"}' }));
    await harness.subscribe({
      plugin: 'komet',
      hook: 'order-confirmation',
      url: `${harness.receiver.url}/recovers`,
      errorEmails: ['sales@example.com'],
      retryPolicy: { delaysSeconds: [1, 1, 1] },
    });
    const event = await harness.publishEvent('order.confirmed', { companyId: 6316, orderId: 1001 });

    expect(await logsOf(event.id, 3)).toEqual([[1, 'retrying'], [2, 'retrying'], [3, 'delivered']]);
    const requests = harness.receiver.at('/recovers');
    expect(requests).toHaveLength(3);
    // Each retry waits at least the policy's second, and comes from the scheduler's releases.
    for (const [before, after] of [[0, 1], [1, 2]]) expect(requests[after].receivedAt - requests[before].receivedAt).toBeGreaterThanOrEqual(1_000);
    const deadLetters = await harness.records(harness.deadLetters, event.id, 2);
    for (const [index, record] of deadLetters.entries()) expect(requests[index + 1].receivedAt).toBeGreaterThanOrEqual(Date.parse(record.dueAt));
    await notificationsHandled();
    expect(sink.messages).toEqual([]);
  });

  it('a receiver that never recovers: the delivery fails after its last retry and its contact gets exactly one e-mail', async () => {
    harness.receiver.answer({ status: 503, body: 'maintenance' });
    const url = `${harness.receiver.url}/never`;
    const sub = await harness.subscribe({ plugin: 'komet', hook: 'order-confirmation', url, errorEmails: ['never@example.com'], retryPolicy: { delaysSeconds: [1, 1] } });
    const event = await harness.publishEvent('order.confirmed', { companyId: 6316, orderId: 2002 }, { subject: '2002' });

    expect(await logsOf(event.id, 3)).toEqual([[1, 'retrying'], [2, 'retrying'], [3, 'failed']]);
    const [mail] = await sink.waitFor(1, (message) => message.envelope.to.includes('never@example.com'));
    await notificationsHandled();
    expect(sink.to('never@example.com')).toHaveLength(1);
    expect(mail.subject).toContain('2002');
    expect(mail.text).toContain(url);
    expect(mail.text).toContain('503');
    expect(mail.text).toContain(deliveryId(event.id, sub.id));
  });

  it('Komet status 0: one e-mail carrying the receiver\'s message', async () => {
    harness.receiver.answer({ status: 200, body: '{"status":0,"message":"Customer 77 has no credit line"}' });
    await harness.subscribe({ plugin: 'komet', hook: 'order-confirmation', url: `${harness.receiver.url}/rejects`, errorEmails: ['a@example.com', 'b@example.com'] });
    const event = await harness.publishEvent('order.confirmed', { companyId: 6316, orderId: 3003 }, { subject: '3003' });

    expect(await logsOf(event.id, 1)).toEqual([[1, 'failed']]);
    const [mail] = await sink.waitFor(1, (message) => message.envelope.to.includes('a@example.com'));
    await notificationsHandled();
    expect(sink.to('a@example.com')).toHaveLength(1);
    expect(mail.envelope.to).toEqual(['a@example.com', 'b@example.com']);
    expect(mail.text).toContain('Customer 77 has no credit line');
    expect(mail.html).toContain('Customer 77 has no credit line');
    expect(mail.subject).toContain('3003');
  });

  it('a secret in the endpoint URL\'s query is masked in the delivery log and the e-mail, and sent to the receiver as it is', async () => {
    harness.receiver.answer({ status: 200, body: '{"status":"0","message":"Order 5005 unknown"}' });
    const sub = await harness.subscribe({ plugin: 'komet', hook: 'order-confirmation', url: `${harness.receiver.url}/hook?token=abc&order=1`, errorEmails: ['masked@example.com'] });
    const event = await harness.publishEvent('order.confirmed', { companyId: 6316, orderId: 5005 }, { subject: '5005' });
    const shown = `${harness.receiver.url}/hook?token=********&order=1`;

    const delivery = await pollUntil('the delivery log holds the failed delivery', async () => {
      const { body } = await harness.client.get(`/v1/deliveries/${deliveryId(event.id, sub.id)}`);
      return body.status === 'failed' && body;
    });
    expect(delivery.attempts.map((attempt: Json) => attempt.request.url)).toEqual([shown]);
    const [mail] = await sink.waitFor(1, (message) => message.envelope.to.includes('masked@example.com'));
    expect(mail.text).toContain(shown);
    // Handlebars escapes `=` and `&` in HTML.
    expect(mail.html).toContain(`${harness.receiver.url}/hook?token&#x3D;********&amp;order&#x3D;1`);
    expect(`${mail.subject}${mail.text}${mail.html}`).not.toMatch(/token(=|&#x3D;)abc/);
    expect(harness.receiver.requests.map((request) => request.url)).toContain('/hook?token=abc&order=1');
  });

  it('SecuTix: a closed order waits for its subscription\'s run in the scheduler and is sent by it', async () => {
    harness.receiver.answer({ status: 200 });
    const sub = await harness.subscribe({ plugin: 'secutix', hook: 'order-closed', method: 'GET', url: `${harness.receiver.url}/secutix/\${orderId}`, settings: { batchSize: 5 } });
    const data = { orderId: 4004, orderDetailsData: { orderType: 'SALE', orderState: 'CLOSED', operationDatas: [] } };
    const event = await harness.publishEvent('order.closed', data);

    expect(await logsOf(event.id, 2)).toEqual([[1, 'pending'], [1, 'delivered']]);
    expect(harness.receiver.at('/secutix/4004')).toHaveLength(1);
    const [queued] = await harness.records(harness.deadLetters, event.id);
    expect(queued).toMatchObject({ subscriptionId: sub.id, batch: { frequencyMinutes: 1, batchSize: 5 } });
  });
});

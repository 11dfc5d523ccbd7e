import { deadLetterRecordV1, deliveryAttemptRecordV1, notificationRecordV1 } from '@hookbus/contracts';
import { after, contextFor, EXACT, madeOf, NOW, answer } from '../testing/rule-fixtures';
import { decideVerdict } from './verdict-rules';

// The records every verdict writes, whatever the plugin: the komet sample stands in for any.
describe('decideVerdict: the records of a made attempt', () => {
  const context = contextFor('komet', { attempt: 2 });
  const made = { ...madeOf(context, answer(500, 'oops')), deferrals: 3, endpoint: { concurrency: 4, circuit: 'closed' as const } };
  const { ref, event } = context;

  it('delivered: one log record with the receiver’s message, no event, nothing follows', () => {
    const decision = decideVerdict(context, made, { result: 'delivered', vendorMessage: 'Order 6908 synchronised' }, EXACT);

    expect(decision).toEqual({
      status: 'delivered',
      records: {
        log: {
          ...ref,
          attempt: 2,
          at: NOW.toISOString(),
          request: made.request,
          response: { status: 500, body: 'oops' },
          durationMs: 12,
          outcome: 'delivered',
          deferrals: 3,
          endpoint: { concurrency: 4, circuit: 'closed' },
          vendorMessage: 'Order 6908 synchronised',
        },
      },
    });
  });

  it('failed: logged with the event and the message, and one delivery.failed e-mail naming the attempt and the HTTP status', () => {
    const decision = decideVerdict(context, made, { result: 'failed', reason: 'rejected', vendorMessage: 'unknown order' }, EXACT);

    expect(decision.status).toBe('failed');
    expect(decision.records.log).toMatchObject({ outcome: 'failed', vendorMessage: 'unknown order', event });
    expect(decision.records.log.gone).toBeUndefined();
    expect(decision.records.deadLetter).toBeUndefined();
    expect(decision.records.notification).toEqual({
      id: `${ref.deliveryId}:2:delivery.failed`,
      type: 'delivery.failed',
      tenantId: ref.tenantId,
      subscriptionId: ref.subscriptionId,
      plugin: 'komet',
      hook: 'order-confirmation',
      vendorTitle: 'Komet Sales',
      subjectLabel: 'Order',
      url: 'https://erp.example/hook',
      recipients: ['ops@example.com'],
      deliveryId: ref.deliveryId,
      eventId: event.id,
      subject: '6908',
      attempt: 2,
      reason: 'rejected',
      vendorMessage: 'unknown order',
      httpStatus: 500,
      at: NOW.toISOString(),
    });
  });

  it('failed and gone (410): the log says so, for config-service to disable the subscription', () => {
    const decision = decideVerdict(context, made, { result: 'failed', reason: 'HTTP 410 Gone', gone: true }, EXACT);
    expect(decision.records.log.gone).toBe(true);
  });

  it('retry with delays left: logged retrying with the due time, the next attempt dead-lettered with the event, nobody e-mailed', () => {
    const decision = decideVerdict(context, made, { result: 'retry', reason: 'HTTP 500' }, EXACT);

    expect(decision.status).toBe('retrying');
    expect(decision.dueAt).toBe(after(120_000));
    expect(decision.records.log).toMatchObject({ attempt: 2, outcome: 'retrying', dueAt: after(120_000), event });
    expect(decision.records.deadLetter).toEqual({
      deliveryId: ref.deliveryId,
      eventId: ref.eventId,
      subscriptionId: ref.subscriptionId,
      tenantId: ref.tenantId,
      plugin: 'komet',
      hook: 'order-confirmation',
      attempt: 3,
      dueAt: after(120_000),
      reason: 'HTTP 500',
      event,
    });
    expect(decision.records.notification).toBeUndefined();
  });

  it('retry with no delay left: failed, with why in the e-mail', () => {
    const decision = decideVerdict(contextFor('komet', { attempt: 6 }), made, { result: 'retry', reason: 'HTTP 500' }, EXACT);

    expect(decision.status).toBe('failed');
    expect(decision.records.deadLetter).toBeUndefined();
    expect(decision.records.notification).toMatchObject({ type: 'delivery.failed', attempt: 6, reason: 'HTTP 500; no retry left after attempt 6', httpStatus: 500 });
  });

  it('a transport error has no HTTP status: the e-mail names none, the log keeps the error', () => {
    const failed = { at: NOW, request: made.request, durationMs: 30, error: 'connection: reset' };
    const decision = decideVerdict(context, failed, { result: 'failed', reason: 'connection: reset' }, EXACT);
    expect(decision.records.log).toMatchObject({ error: 'connection: reset' });
    expect(decision.records.log.response).toBeUndefined();
    expect(decision.records.notification?.httpStatus).toBeUndefined();
  });

  it('shows a secret in the URL’s query masked, in the log and the e-mail', () => {
    const secret = contextFor('komet', { attempt: 6 });
    const withKey = { ...secret, subscription: { ...secret.subscription, url: 'https://erp.example/hook?api_key=s3cr3t' } };
    const decision = decideVerdict(withKey, { ...made, request: { ...made.request, url: withKey.subscription.url } }, { result: 'retry', reason: 'HTTP 500' }, EXACT);
    expect(JSON.stringify(decision.records)).not.toContain('s3cr3t');
    expect(decision.records.log.request.url).toMatch(/^https:\/\/erp\.example\/hook\?api_key=/);
  });

  it('writes only records the contracts accept', () => {
    const decisions = [
      decideVerdict(context, made, { result: 'delivered' }, EXACT),
      decideVerdict(context, made, { result: 'retry', reason: 'HTTP 500' }, EXACT),
      decideVerdict(context, made, { result: 'failed', reason: 'HTTP 400', gone: true }, EXACT),
    ];
    for (const { records } of decisions) {
      expect(deliveryAttemptRecordV1.safeParse(records.log).success).toBe(true);
      if (records.deadLetter) expect(deadLetterRecordV1.safeParse(records.deadLetter).success).toBe(true);
      if (records.notification) expect(notificationRecordV1.safeParse(records.notification).success).toBe(true);
    }
  });
});

import { deliveryAttemptRecordV1, type RetryRecordV1, type SubscriptionSnapshotV1 } from '@hookbus/contracts';
import { contextFor, NOW } from '../testing/rule-fixtures';
import { decideCancellation, retryTargetOf } from './cancellation-rules';

const { ref, event } = contextFor('postback');
const retry: RetryRecordV1 = { deliveryId: ref.deliveryId, eventId: ref.eventId, subscriptionId: ref.subscriptionId, tenantId: ref.tenantId, attempt: 3, deferrals: 2, event, manual: false };
const snapshot = {
  id: ref.subscriptionId,
  tenantId: ref.tenantId,
  plugin: 'postback',
  hook: 'order.completed',
  url: 'https://shop.example/postback?token=s3cr3t',
  method: 'POST',
  enabled: true,
  status: 'active',
} as SubscriptionSnapshotV1;

describe('cancellation: a retry whose subscription is gone or switched off is not attempted', () => {
  it('goes ahead against the subscription as it is now, when it is enabled and active', () => {
    expect(retryTargetOf(snapshot, ref.tenantId)).toEqual({ live: snapshot });
  });

  it('is cancelled as deleted when the subscription is gone', () => {
    expect(retryTargetOf(undefined, ref.tenantId)).toEqual({ cancelled: 'subscription deleted' });
  });

  it("is cancelled as deleted, showing nothing of it, when the subscription is another tenant's", () => {
    expect(retryTargetOf({ ...snapshot, tenantId: 'tenant_other' }, ref.tenantId)).toEqual({ cancelled: 'subscription deleted' });
  });

  it.each([
    ['switched off', { enabled: false }],
    ['disabled (e.g. after a 410)', { status: 'disabled' as const }],
  ])('is cancelled as disabled when the subscription is %s', (_label, change) => {
    const off = { ...snapshot, ...change };
    expect(retryTargetOf(off, ref.tenantId)).toEqual({ cancelled: 'subscription disabled', subscription: off });
  });

  it('logs the attempt cancelled under its number, nothing sent, keeping the event so it can be recovered', () => {
    const decision = decideCancellation({ retry, plugin: 'postback', hook: 'order.completed', reason: 'subscription disabled', subscription: snapshot }, { now: NOW });

    expect(decision.status).toBe('cancelled');
    expect(decision.records.deadLetter).toBeUndefined();
    expect(decision.records.notification).toBeUndefined();
    expect(decision.records.log).toEqual({
      ...ref,
      attempt: 3,
      at: NOW.toISOString(),
      request: { method: 'POST', url: expect.stringMatching(/^https:\/\/shop\.example\/postback\?token=/), headers: {}, body: '' },
      durationMs: 0,
      error: 'subscription disabled',
      outcome: 'cancelled',
      event,
    });
    expect(JSON.stringify(decision.records.log)).not.toContain('s3cr3t');
    expect(deliveryAttemptRecordV1.safeParse(decision.records.log).success).toBe(true);
  });

  it('shows no endpoint for a deleted subscription', () => {
    const decision = decideCancellation({ retry, plugin: 'postback', hook: 'order.completed', reason: 'subscription deleted' }, { now: NOW });
    expect(decision.records.log).toMatchObject({ request: { method: '', url: '', headers: {}, body: '' }, error: 'subscription deleted' });
  });
});

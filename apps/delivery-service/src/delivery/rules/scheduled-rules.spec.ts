import { deliveryAttemptRecordV1 } from '@hookbus/contracts';
import { contextFor, NOW } from '../testing/rule-fixtures';
import { decideScheduled } from './scheduled-rules';

const request = { method: 'POST', url: 'https://box.example/orders/9001', headers: { 'content-type': 'application/json' }, body: '{"orderId":9001}' };

describe('scheduled delivery: a SecuTix order waits for its subscription’s run', () => {
  it('is logged pending as attempt 1, showing what will be sent, and dead-lettered due now with its pacing', () => {
    const { ref, event, plugin, subscription } = contextFor('secutix', { settings: { frequencyMinutes: 10, batchSize: 25 } });
    const decision = decideScheduled({ ref, event, plugin, subscription }, request, { now: NOW });

    expect(decision).toMatchObject({ status: 'pending', dueAt: NOW.toISOString() });
    expect(decision.records.log).toEqual({ ...ref, attempt: 1, at: NOW.toISOString(), request, durationMs: 0, outcome: 'pending' });
    expect(decision.records.deadLetter).toEqual({
      deliveryId: ref.deliveryId,
      eventId: ref.eventId,
      subscriptionId: ref.subscriptionId,
      tenantId: ref.tenantId,
      plugin: ref.plugin,
      hook: ref.hook,
      attempt: 1,
      dueAt: NOW.toISOString(),
      reason: 'scheduled',
      event,
      batch: { frequencyMinutes: 10, batchSize: 25 },
    });
    expect(decision.records.notification).toBeUndefined();
    expect(deliveryAttemptRecordV1.safeParse(decision.records.log).success).toBe(true);
  });

  it("takes the plugin's pacing where the subscription sets none", () => {
    const { ref, event, plugin, subscription } = contextFor('secutix');
    expect(decideScheduled({ ref, event, plugin, subscription }, request, { now: NOW }).records.deadLetter?.batch).toEqual({ frequencyMinutes: 1, batchSize: 60 });
  });
});

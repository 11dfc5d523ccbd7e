import { after, answer, contextFor, judge, ladder, noAnswer } from '../testing/rule-fixtures';
import { registeredPlugin } from '../testing/registered-plugin';

// config-service sends a manual retry (or recover) as the delivery's next attempt: the number of
// its highest logged attempt plus one. The rules take that number like any other.
describe('manual retry: the next number, under the same policy', () => {
  it('a Komet order rejected at attempt 1 is reconfirmed as attempt 2: delivered', () => {
    const decision = judge(contextFor('komet', { attempt: 2 }), answer(200, '{"status":1,"message":"ok"}'));
    expect(decision.records.log).toMatchObject({ attempt: 2, outcome: 'delivered', vendorMessage: 'ok' });
  });

  it('if it meets an outage, the policy goes on from where that number stands', () => {
    expect(ladder('komet', noAnswer('connection'), { attempt: 2 })).toEqual([
      { status: 'retrying', dueAt: after(120_000) },
      { status: 'retrying', dueAt: after(600_000) },
      { status: 'retrying', dueAt: after(1_800_000) },
      { status: 'retrying', dueAt: after(3_600_000) },
      { status: 'failed' },
    ]);
  });

  it('past the policy (komerce attempt 5 after 4 failed): one attempt, failed at once when it fails', () => {
    const decision = judge(contextFor('komerce', { attempt: 5 }), answer(503));
    expect(decision.records.deadLetter).toBeUndefined();
    expect(decision.records.notification).toMatchObject({ type: 'delivery.failed', attempt: 5, reason: 'HTTP 503; no retry left after attempt 5' });
  });

  it("its e-mail has an id of its own (the attempt is in it), so the notifier's dedupe keeps it", () => {
    const first = judge(contextFor('komerce', { attempt: 4 }), answer(503)).records.notification;
    const manual = judge(contextFor('komerce', { attempt: 5 }), answer(503)).records.notification;
    expect(first?.id).toMatch(/:4:delivery\.failed$/);
    expect(manual?.id).toMatch(/:5:delivery\.failed$/);
  });

  it('an abandoned SecuTix order retried by hand (attempt 14) is abandoned again if it fails', () => {
    expect(judge(contextFor('secutix', { attempt: 14 }), answer(500)).records.notification).toMatchObject({ type: 'delivery.abandoned', attempt: 14 });
  });

  it('a postback timeout, never retried automatically, is retried by hand as attempt 2 under the same rule', () => {
    expect(judge(contextFor('postback', { attempt: 2 }), noAnswer('timeout')).records.log).toMatchObject({ attempt: 2, outcome: 'failed' });
    expect(judge(contextFor('postback', { attempt: 2 }), answer(200)).records.log).toMatchObject({ attempt: 2, outcome: 'delivered' });
  });

  it('postback lets only four events be retried by hand (config-service answers 409 for the others)', () => {
    expect(registeredPlugin('postback').manualRetryHooks).toEqual(['order.completed', 'transaction.approved', 'transaction.declined', 'refund.applied']);
    for (const vendor of ['komet', 'komerce', 'secutix']) expect(registeredPlugin(vendor).manualRetryHooks).toBeUndefined();
  });
});

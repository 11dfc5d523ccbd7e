import { after, answer, contextFor, judge, ladder, noAnswer } from '../testing/rule-fixtures';

const MINUTE = 60_000;
const postback = contextFor('postback');

describe('postback: at most 3 retries, on 408, 429 and 5xx only', () => {
  it('2xx: delivered', () => {
    expect(judge(postback, answer(202)).status).toBe('delivered');
  });

  it.each([
    ['408', answer(408)],
    ['429', answer(429)],
    ['500', answer(500)],
    ['599', answer(599)],
  ])('%s: retried at 1, 5 and 15 min, failed after the third retry', (_label, result) => {
    expect(ladder('postback', result)).toEqual([
      { status: 'retrying', dueAt: after(MINUTE) },
      { status: 'retrying', dueAt: after(5 * MINUTE) },
      { status: 'retrying', dueAt: after(15 * MINUTE) },
      { status: 'failed' },
    ]);
  });

  it('a timeout: failed at once, never retried (a manual retry is the way back)', () => {
    const decision = judge(postback, noAnswer('timeout', 'no response'));
    expect(decision.status).toBe('failed');
    expect(decision.records.deadLetter).toBeUndefined();
    expect(decision.records.notification).toMatchObject({ type: 'delivery.failed', reason: 'timeout: no response within 30 s' });
    expect(decision.records.log.error).toBe('timeout: no response');
  });

  it.each(['connection', 'dns', 'tls'] as const)('a %s error: failed at once', (error) => {
    expect(judge(postback, noAnswer(error, 'down'))).toMatchObject({ status: 'failed', records: { notification: { reason: `${error}: down` } } });
  });

  it.each([400, 401, 404, 409, 422])('%s: failed at once', (status) => {
    const decision = judge(postback, answer(status));
    expect(decision.status).toBe('failed');
    expect(decision.records.notification).toMatchObject({ reason: `HTTP ${status}`, httpStatus: status });
  });

  it('410 Gone: failed at once and gone', () => {
    expect(judge(postback, answer(410)).records.log).toMatchObject({ outcome: 'failed', gone: true });
  });
});

import { after, answer, contextFor, judge, ladder, noAnswer } from '../testing/rule-fixtures';

const MINUTE = 60_000;
const komerce = contextFor('komerce');
const THEN_FAILED = [
  { status: 'retrying', dueAt: after(MINUTE) },
  { status: 'retrying', dueAt: after(5 * MINUTE) },
  { status: 'retrying', dueAt: after(15 * MINUTE) },
  { status: 'failed' },
];

describe('komerce: only 200 counts as received, failures retried at 1, 5 and 15 min', () => {
  it('200: delivered', () => {
    expect(judge(komerce, answer(200)).status).toBe('delivered');
  });

  it.each([
    ['another 2xx', answer(201)],
    ['a redirect', answer(302)],
    ['a 4xx', answer(404)],
    ['a 5xx', answer(502)],
    ['a timeout', noAnswer('timeout')],
  ])('%s: retried at 1, 5 and 15 min, then failed', (_label, result) => {
    expect(ladder('komerce', result)).toEqual(THEN_FAILED);
  });

  it('says why a 2xx other than 200 is retried', () => {
    expect(judge(komerce, answer(204)).records.deadLetter?.reason).toBe('HTTP 204: Komerce counts only 200 as received');
  });

  it('the last failure e-mails its contacts once (config-service counts these to deactivate the subscription)', () => {
    const decision = judge(contextFor('komerce', { attempt: 4 }), answer(503));
    expect(decision.records.log.outcome).toBe('failed');
    expect(decision.records.notification).toMatchObject({ type: 'delivery.failed', attempt: 4, reason: 'HTTP 503; no retry left after attempt 4', httpStatus: 503 });
  });

  it('410 Gone: failed at once and gone, which deactivates the subscription', () => {
    const decision = judge(komerce, answer(410));
    expect(decision.records.log).toMatchObject({ outcome: 'failed', gone: true });
    expect(decision.records.notification).toMatchObject({ type: 'delivery.failed', httpStatus: 410 });
  });

  it('a destination refused by the egress policy: failed at once', () => {
    expect(judge(komerce, noAnswer('ssrf_refused')).status).toBe('failed');
  });
});

import { registeredPlugin } from '../testing/registered-plugin';
import { after, answer, contextFor, judge, ladder, noAnswer } from '../testing/rule-fixtures';

const NEXT_RUN = { status: 'retrying', dueAt: after(60_000) };

describe('secutix: a failed order rides along with the next 12 runs, then is abandoned', () => {
  it('2xx: delivered', () => {
    expect(judge(contextFor('secutix'), answer(204)).status).toBe('delivered');
  });

  it.each([
    ['a 5xx', answer(500)],
    ['a 4xx', answer(404)],
    ['a 400', answer(400)],
    ['a timeout', noAnswer('timeout')],
    ['a refused connection', noAnswer('connection')],
  ])('%s: re-sent at each of the next 12 runs, then abandoned', (_label, result) => {
    expect(registeredPlugin('secutix').retry.delaysSeconds).toHaveLength(12);
    expect(ladder('secutix', result)).toEqual([...Array<typeof NEXT_RUN>(12).fill(NEXT_RUN), { status: 'abandoned' }]);
  });

  it('the 13th attempt failing is abandoned and logged, and its contacts get delivery.abandoned', () => {
    const decision = judge(contextFor('secutix', { attempt: 13 }), answer(404));
    expect(decision.records.log).toMatchObject({ attempt: 13, outcome: 'abandoned' });
    expect(decision.records.deadLetter).toBeUndefined();
    expect(decision.records.notification).toMatchObject({ type: 'delivery.abandoned', attempt: 13, reason: 'HTTP 404: re-sent at the next run; no retry left after attempt 13', httpStatus: 404 });
  });

  it("each re-send goes back to the schedule with the subscription's pacing, else the plugin's", () => {
    const paced = judge(contextFor('secutix', { attempt: 3, settings: { frequencyMinutes: 15, batchSize: 10 } }), answer(500));
    expect(paced.records.deadLetter).toMatchObject({ attempt: 4, batch: { frequencyMinutes: 15, batchSize: 10 } });
    expect(judge(contextFor('secutix'), answer(500)).records.deadLetter?.batch).toEqual({ frequencyMinutes: 1, batchSize: 60 });
  });

  it('410 Gone and a refused destination still fail at once', () => {
    expect(judge(contextFor('secutix'), answer(410)).records.log).toMatchObject({ outcome: 'failed', gone: true });
    expect(judge(contextFor('secutix'), noAnswer('ssrf_refused')).status).toBe('failed');
  });
});

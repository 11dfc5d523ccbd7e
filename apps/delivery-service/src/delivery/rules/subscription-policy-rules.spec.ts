import { after, answer, contextFor, judge, ladder, noAnswer } from '../testing/rule-fixtures';

// `retryPolicy.delaysSeconds` on a subscription (or a postback channel) replaces the plugin's
// delays; config-service never lets it ask for more retries than the plugin allows.
describe("a subscription's retry policy replaces its plugin's delays", () => {
  it('komerce with [5, 10]: retried after 5 s and 10 s, then failed', () => {
    expect(ladder('komerce', answer(503), { retryPolicy: { delaysSeconds: [5, 10] } })).toEqual([
      { status: 'retrying', dueAt: after(5_000) },
      { status: 'retrying', dueAt: after(10_000) },
      { status: 'failed' },
    ]);
  });

  it('a postback channel with [30]: one retry', () => {
    expect(ladder('postback', answer(500), { retryPolicy: { delaysSeconds: [30] } })).toEqual([{ status: 'retrying', dueAt: after(30_000) }, { status: 'failed' }]);
  });

  it('an empty policy: no retry at all; a paced plugin abandons at once', () => {
    expect(ladder('komet', noAnswer('timeout'), { retryPolicy: { delaysSeconds: [] } })).toEqual([{ status: 'failed' }]);
    expect(ladder('secutix', answer(500), { retryPolicy: { delaysSeconds: [] } })).toEqual([{ status: 'abandoned' }]);
  });

  it('SecuTix with [300, 300]: re-sent at the first runs at least 5 min later, still paced', () => {
    const decision = judge(contextFor('secutix', { retryPolicy: { delaysSeconds: [300, 300] } }), answer(500));
    expect(decision.records.deadLetter).toMatchObject({ attempt: 2, dueAt: after(300_000), batch: { frequencyMinutes: 1, batchSize: 60 } });
  });

  it("changes only when, not whether: the plugin's verdict stands", () => {
    expect(judge(contextFor('postback', { retryPolicy: { delaysSeconds: [5, 5, 5] } }), noAnswer('timeout')).status).toBe('failed');
    expect(judge(contextFor('komet', { retryPolicy: { delaysSeconds: [5] } }), answer(200, '{"status":0}')).status).toBe('failed');
  });
});

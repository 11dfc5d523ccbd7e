import { metricsRegistry } from '@hookbus/platform';
import { observeAttempt } from './delivery-metrics';
import { decidePutOff } from './rules';
import { answer, contextFor, judge, noAnswer } from './testing/rule-fixtures';

/** The scrape's samples of the attempt counter and latency histogram, as Prometheus reads them. */
const scraped = async () =>
  (await metricsRegistry.metrics()).split('\n').filter((line) => /^hookbus_delivery_attempt(s_total|_duration_seconds_(bucket|count))\{/.test(line));

describe('observeAttempt: every logged attempt counted, the ones that went out timed', () => {
  beforeEach(() => metricsRegistry.resetMetrics());

  it('times an answered attempt and a transport error under their plugin and outcome, in seconds', async () => {
    observeAttempt(judge(contextFor('komet'), answer(200, '{"status":1}')).records.log);
    const timedOut = judge(contextFor('komet', { attempt: 2 }), noAnswer('timeout')).records.log;
    observeAttempt(timedOut);

    expect(timedOut.outcome).toBe('retrying');
    const samples = await scraped();
    expect(samples).toEqual(
      expect.arrayContaining([
        'hookbus_delivery_attempts_total{plugin="komet",outcome="delivered"} 1',
        'hookbus_delivery_attempts_total{plugin="komet",outcome="retrying"} 1',
        // The fixtures' answers take 12 ms: above the 10 ms bound, within the 25 ms one.
        'hookbus_delivery_attempt_duration_seconds_bucket{le="0.01",plugin="komet",outcome="delivered"} 0',
        'hookbus_delivery_attempt_duration_seconds_bucket{le="0.025",plugin="komet",outcome="delivered"} 1',
        'hookbus_delivery_attempt_duration_seconds_count{plugin="komet",outcome="delivered"} 1',
        'hookbus_delivery_attempt_duration_seconds_count{plugin="komet",outcome="retrying"} 1',
      ]),
    );
  });

  it('counts an attempt put off without being sent but leaves it out of the latency', async () => {
    const putOff = decidePutOff(contextFor('komet'), {
      deferrals: 0,
      request: { method: 'POST', url: 'https://erp.example/hook', headers: {}, body: '{}' },
      until: Date.now() + 30_000,
      reason: 'circuit_open: https://erp.example failed 5 times in a row',
    });
    observeAttempt(putOff.records.log);

    expect(await scraped()).toEqual(['hookbus_delivery_attempts_total{plugin="komet",outcome="retrying"} 1']);
  });
});

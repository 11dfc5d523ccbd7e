import { nextRetryDelayMs } from './retry-plan';

describe('nextRetryDelayMs', () => {
  const plugin = { retry: { delaysSeconds: [60, 300, 900] } };
  const noJitter = () => 0;

  it('follows attempt n with delay n, then stops', () => {
    expect([1, 2, 3, 4].map((attempt) => nextRetryDelayMs(plugin, undefined, attempt, undefined, noJitter)))
      .toEqual([60_000, 300_000, 900_000, undefined]);
  });

  it('adds up to 10 % jitter, never less than the policy delay', () => {
    expect(nextRetryDelayMs(plugin, undefined, 1, undefined, () => 0.5)).toBe(63_000);
    expect(nextRetryDelayMs(plugin, undefined, 3, undefined, () => 0.999)).toBe(989_910);
    const spread = new Set(Array.from({ length: 50 }, () => nextRetryDelayMs(plugin, undefined, 1)));
    expect(spread.size).toBeGreaterThan(1);
    for (const delay of spread) {
      expect(delay).toBeGreaterThanOrEqual(60_000);
      expect(delay).toBeLessThan(66_000);
    }
  });

  it("uses the subscription's policy instead of the plugin's, and honours Retry-After within bounds, unjittered", () => {
    expect(nextRetryDelayMs(plugin, { delaysSeconds: [5] }, 1, undefined, noJitter)).toBe(5_000);
    expect(nextRetryDelayMs(plugin, { delaysSeconds: [5] }, 2)).toBeUndefined();
    expect(nextRetryDelayMs(plugin, undefined, 1, 120_000, () => 0.9)).toBe(120_000);
    expect(nextRetryDelayMs(plugin, undefined, 1, 0)).toBe(1_000);
  });
});

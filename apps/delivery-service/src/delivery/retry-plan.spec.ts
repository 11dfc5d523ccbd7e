import { nextRetryDelayMs } from './retry-plan';

describe('nextRetryDelayMs', () => {
  const plugin = { retry: { delaysSeconds: [60, 300, 900] } };

  it('follows attempt n with delay n, then stops', () => {
    expect([1, 2, 3, 4].map((attempt) => nextRetryDelayMs(plugin, undefined, attempt))).toEqual([60_000, 300_000, 900_000, undefined]);
  });

  it("uses the subscription's policy instead of the plugin's, and honours Retry-After within bounds", () => {
    expect(nextRetryDelayMs(plugin, { delaysSeconds: [5] }, 1)).toBe(5_000);
    expect(nextRetryDelayMs(plugin, { delaysSeconds: [5] }, 2)).toBeUndefined();
    expect(nextRetryDelayMs(plugin, undefined, 1, 120_000)).toBe(120_000);
    expect(nextRetryDelayMs(plugin, undefined, 1, 0)).toBe(1_000);
  });
});

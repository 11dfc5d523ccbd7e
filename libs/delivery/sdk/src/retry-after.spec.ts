import { clampRetryDelay, DEFAULT_RETRY_DELAY_BOUNDS, parseRetryAfter, retryDelayMs } from './retry-after';

const now = Date.parse('1994-11-06T08:49:00Z');

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter(['30', '60'], now)).toBe(30_000);
  });

  it('reads the three HTTP-date forms as GMT, relative to now', () => {
    expect(parseRetryAfter('Sun, 06 Nov 1994 08:49:37 GMT', now)).toBe(37_000);
    expect(parseRetryAfter('Sunday, 06-Nov-94 08:49:37 GMT', new Date(now))).toBe(37_000);
    expect(parseRetryAfter('Sun Nov  6 08:49:37 1994', now)).toBe(37_000);
  });

  it('treats a past date as now', () => {
    expect(parseRetryAfter('Sat, 05 Nov 1994 08:49:37 GMT', now)).toBe(0);
  });

  it('ignores what is absent or malformed', () => {
    for (const value of [undefined, '', '-5', '1.5', 'soon', '2024-01-01', '2024-01-01T00:00:00Z', 'Sun, 06 Nov 1994 08:49:37 CET', '9'.repeat(20)]) {
      expect(parseRetryAfter(value, now)).toBeUndefined();
    }
  });
});

describe('retry delay bounds', () => {
  it('clamps to 1 s .. 24 h by default', () => {
    expect(clampRetryDelay(0)).toBe(1_000);
    expect(clampRetryDelay(90_000)).toBe(90_000);
    expect(clampRetryDelay(7 * 86_400_000)).toBe(DEFAULT_RETRY_DELAY_BOUNDS.maxMs);
  });

  it('prefers the receiver’s Retry-After over the policy delay, within the bounds', () => {
    const bounds = { minMs: 60_000, maxMs: 900_000 };
    expect(retryDelayMs(300_000, undefined, bounds)).toBe(300_000);
    expect(retryDelayMs(300_000, 120_000, bounds)).toBe(120_000);
    expect(retryDelayMs(300_000, 0, bounds)).toBe(60_000);
    expect(retryDelayMs(300_000, 3_600_000, bounds)).toBe(900_000);
  });
});

import { backoffDelay, backoffOf, retryAfterMs } from './backoff';

describe('backoff', () => {
  it('doubles from the base delay up to the longest wait', () => {
    const backoff = backoffOf({ baseDelayMs: 100, maxDelayMs: 500, random: () => 0 });
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, backoff))).toEqual([100, 200, 400, 500, 500]);
  });

  it('takes an option left undefined as its default', () => {
    expect(backoffOf({ attempts: undefined })).toMatchObject({ attempts: 5, baseDelayMs: 500, maxDelayMs: 10_000 });
  });

  it('reads Retry-After as seconds or as an HTTP date, and nothing else', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs('7', now)).toBe(7000);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs('soon', now)).toBeUndefined();
  });
});

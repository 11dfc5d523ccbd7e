import { setTimeout as delay } from 'node:timers/promises';

/** How the client retries a request that got no answer, a 5xx or a 429. */
export interface RetryOptions {
  /** Tries in all, the first included (default 5). */
  readonly attempts?: number;
  /** The wait after the first try (default 500 ms); it doubles with each try, up to `maxDelayMs`. */
  readonly baseDelayMs?: number;
  /** The longest wait (default 10 s); a `Retry-After` asking for more ends the retries. */
  readonly maxDelayMs?: number;
  /** Waits `ms`; tests give one that records the wait and resolves at once. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** A number in [0, 1) for the jitter. */
  readonly random?: () => number;
}

export type Backoff = Required<RetryOptions>;

export const backoffOf = ({ attempts = 5, baseDelayMs = 500, maxDelayMs = 10_000, sleep = (ms) => delay(ms), random = Math.random }: RetryOptions = {}): Backoff => ({
  attempts,
  baseDelayMs,
  maxDelayMs,
  sleep,
  random,
});

/**
 * The wait after try number `attempt` (from 1): exponential, with up to half of it taken off at
 * random so that producers failing together do not come back together.
 */
export function backoffDelay(attempt: number, { baseDelayMs, maxDelayMs, random }: Backoff): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling * (1 - random() / 2));
}

/** A `Retry-After` header in ms: delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  if (/^\s*\d+\s*$/.test(header)) return Number(header) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

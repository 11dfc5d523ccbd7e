import { MAX_RETRY_DELAY_SECONDS } from './subscription.schema';

/** The shortest and longest wait before a retry, in milliseconds. */
export interface RetryDelayBounds {
  readonly minMs: number;
  readonly maxMs: number;
}

/** What a retry policy allows: 1 s to 24 h, as `retryPolicy.delaysSeconds` entries. */
export const DEFAULT_RETRY_DELAY_BOUNDS: RetryDelayBounds = { minMs: 1_000, maxMs: MAX_RETRY_DELAY_SECONDS * 1_000 };

const DELTA_SECONDS = /^\d+$/;
// RFC 9110 HTTP-date: IMF-fixdate, obsolete RFC 850 and asctime forms; asctime names no zone but
// means GMT, which Date.parse would not assume.
const IMF_FIXDATE = /^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC_850 = /^[A-Za-z]+, \d{2}-[A-Za-z]{3}-\d{2} \d{2}:\d{2}:\d{2} GMT$/;
const ASCTIME = /^[A-Za-z]{3} [A-Za-z]{3} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/;

/**
 * A `Retry-After` value (delta-seconds or HTTP-date) as milliseconds from `now`; a date in the
 * past is 0. Undefined when absent or malformed, so the policy's own delay applies.
 */
export function parseRetryAfter(header: string | readonly string[] | undefined, now: Date | number = Date.now()): number | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return undefined;
  if (DELTA_SECONDS.test(value)) {
    const ms = Number(value) * 1_000;
    return Number.isSafeInteger(ms) ? ms : undefined;
  }
  const date = IMF_FIXDATE.test(value) || RFC_850.test(value) ? Date.parse(value) : ASCTIME.test(value) ? Date.parse(`${value} GMT`) : NaN;
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - (now instanceof Date ? now.getTime() : now));
}

/** Keeps a delay within the bounds. */
export function clampRetryDelay(delayMs: number, bounds: RetryDelayBounds = DEFAULT_RETRY_DELAY_BOUNDS): number {
  return Math.min(bounds.maxMs, Math.max(bounds.minMs, delayMs));
}

/**
 * The wait before the next attempt: the receiver's `Retry-After` when it gave one, else the policy's
 * delay, clamped to the bounds either way (a receiver cannot ask for a retry storm or a week-long hold).
 */
export function retryDelayMs(policyDelayMs: number, retryAfterMs?: number, bounds: RetryDelayBounds = DEFAULT_RETRY_DELAY_BOUNDS): number {
  return clampRetryDelay(retryAfterMs ?? policyDelayMs, bounds);
}

import type { Classification, ClassifyContext, DeliveryOutcome } from './delivery-outcome';
import { headerValue } from './header-value';
import { parseRetryAfter } from './retry-after';

/** Whether a status is worth another try: the receiver was busy, rate-limited or broken. */
export const isRetryableStatus = (status: number): boolean => status === 408 || status === 429 || (status >= 500 && status <= 599);

/**
 * The verdict most receivers expect (Svix, Convoy, Stripe): 2xx delivered; 408, 429, 5xx and
 * transport errors retried, honouring `Retry-After`; 410 failed and gone; any other status failed
 * at once. A destination refused by the egress policy fails at once: retrying would hit it again.
 * Plugins wrap it to add their dialect.
 */
export function defaultClassify(outcome: DeliveryOutcome, context?: Pick<ClassifyContext, 'now'>): Classification {
  if (outcome.kind === 'error') {
    const reason = `${outcome.error}: ${outcome.message}`;
    return outcome.error === 'ssrf_refused' ? { result: 'failed', reason } : { result: 'retry', reason };
  }
  const { status } = outcome;
  if (status >= 200 && status <= 299) return { result: 'delivered' };
  const reason = `HTTP ${status}`;
  if (status === 410) return { result: 'failed', reason: `${reason} Gone`, gone: true };
  if (!isRetryableStatus(status)) return { result: 'failed', reason };
  const retryAfterMs = parseRetryAfter(headerValue(outcome.headers, 'retry-after'), context?.now ?? new Date());
  return retryAfterMs === undefined ? { result: 'retry', reason } : { result: 'retry', reason, retryAfterMs };
}

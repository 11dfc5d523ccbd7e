import { type DeliverablePlugin, retryDelayMs } from '@hookbus/delivery-sdk';

/**
 * Up to this fraction is added to a policy delay, so the deliveries that failed together during an
 * outage do not all come back in the same instant. Only ever added: a retry never comes earlier
 * than the policy says.
 */
export const RETRY_JITTER = 0.1;

/**
 * The wait before the attempt after `attempt`, or undefined when retries are exhausted. The
 * subscription's policy replaces the plugin's; attempt n (1-based) is followed by delay n. A
 * receiver's `Retry-After` is taken as given (no jitter), within the policy's bounds.
 */
export function nextRetryDelayMs(
  plugin: Pick<DeliverablePlugin, 'retry'>,
  policy: { delaysSeconds: readonly number[] } | undefined,
  attempt: number,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number | undefined {
  const delays = (policy ?? plugin.retry).delaysSeconds;
  const seconds = delays[attempt - 1];
  if (seconds === undefined) return undefined;
  const jittered = Math.round(seconds * 1_000 * (1 + RETRY_JITTER * random()));
  return retryDelayMs(jittered, retryAfterMs);
}

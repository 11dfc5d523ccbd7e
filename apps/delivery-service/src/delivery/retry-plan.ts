import type { DeliverablePlugin } from '@hookbus/delivery-sdk';
import { retryDelayMs } from '@hookbus/delivery-sdk';

/**
 * The wait before the attempt after `attempt`, or undefined when retries are exhausted. The
 * subscription's policy replaces the plugin's; attempt n (1-based) is followed by delay n.
 */
export function nextRetryDelayMs(
  plugin: Pick<DeliverablePlugin, 'retry'>,
  policy: { delaysSeconds: readonly number[] } | undefined,
  attempt: number,
  retryAfterMs?: number,
): number | undefined {
  const delays = (policy ?? plugin.retry).delaysSeconds;
  const seconds = delays[attempt - 1];
  return seconds === undefined ? undefined : retryDelayMs(seconds * 1_000, retryAfterMs);
}

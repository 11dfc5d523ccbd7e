import type { DeliveryAttemptRecordV1 } from '@hookbus/contracts';
import { type AttemptFacts, FINAL } from './delivery-summary';

/**
 * Whether `next` may replace `stored`, the record of the same attempt. Records of one attempt
 * follow each other on the delivery's partition (pending or put off, then made), so the later one
 * replaces the earlier; but a message handled again after a crash writes an earlier step once more,
 * after the later one. Such a step is behind: a `pending` record once the attempt is past pending,
 * or an unfinished one once the attempt ended. It is left out, so the log keeps what happened.
 */
export function replaces(stored: AttemptFacts | undefined, next: DeliveryAttemptRecordV1): boolean {
  if (!stored) return true;
  if (next.outcome === 'pending') return stored.outcome === 'pending';
  return !FINAL.includes(stored.outcome) || FINAL.includes(next.outcome);
}

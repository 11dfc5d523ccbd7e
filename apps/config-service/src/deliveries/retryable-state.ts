import type { DeliveryStatus } from '@hookbus/contracts';

/** The deliveries that ended without getting through. */
const ENDED: readonly DeliveryStatus[] = ['failed', 'abandoned', 'cancelled'];

/**
 * How long past its due time a `retrying` delivery's next attempt must be before a manual retry or
 * recover takes the delivery as stuck. retry-scheduler releases within a second or two of the due
 * time; this margin also covers its restarts and a few minutes of broker or database outage, so
 * a delivery still on its way is not sent twice (if it was merely late, it is: same `webhook-id`).
 */
export const STUCK_AFTER_MS = 15 * 60_000;

export interface DeliveryState {
  readonly status: DeliveryStatus;
  /** While `retrying`: when its next attempt is due. */
  readonly dueAt?: Date | null;
}

/** Due times before this one mean a `retrying` delivery is stuck. */
export const stuckBefore = (now: Date): Date => new Date(now.getTime() - STUCK_AFTER_MS);

/**
 * Why a delivery's state forbids a manual retry now, or undefined when it allows one: it ended
 * without getting through, or it is `retrying` but its next attempt is more than STUCK_AFTER_MS
 * overdue (its retry was lost on the way).
 */
export function stateRefusal({ status, dueAt }: DeliveryState, now: Date): string | undefined {
  if (ENDED.includes(status)) return undefined;
  if (status === 'delivered') return 'it was delivered';
  if (status !== 'retrying' || !dueAt) return `it is ${status}; wait until it has ended`;
  if (dueAt.getTime() < stuckBefore(now).getTime()) return undefined;
  return `it is retrying, its next attempt due ${dueAt.toISOString()}; wait until it has ended, or until ${STUCK_AFTER_MS / 60_000} minutes past that time`;
}

/** The same rule as a filter, for recover: ended deliveries and stuck `retrying` ones. */
export const retryableStateFilter = (now: Date) => ({
  $or: [{ status: { $in: [...ENDED] } }, { status: 'retrying' as const, dueAt: { $lt: stuckBefore(now) } }],
});

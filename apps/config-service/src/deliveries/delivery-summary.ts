import type { DeliveryStatus } from '@hookbus/contracts';

/** What the delivery row needs to know about one of its attempts. */
export interface AttemptFacts {
  readonly n: number;
  readonly at: Date;
  readonly outcome: DeliveryStatus;
  readonly vendorMessage?: string | null;
  /** On a `retrying` attempt: when the next one is due. */
  readonly dueAt?: Date | null;
}

export interface DeliverySummary {
  readonly status: DeliveryStatus;
  readonly attemptCount: number;
  readonly vendorMessage?: string;
  readonly createdAt: Date;
  /** When the final attempt was made; null while more attempts may follow. */
  readonly finishedAt: Date | null;
  /** While `retrying`: when the next attempt is due, as its highest attempt said; else null. */
  readonly dueAt: Date | null;
}

/** Outcomes after which no attempt of the delivery is due. */
export const FINAL: readonly DeliveryStatus[] = ['delivered', 'failed', 'abandoned', 'cancelled'];

/**
 * A delivery's state from the set of its logged attempts, whatever order they arrived in: the
 * status is the outcome of the highest-numbered attempt (and if `retrying`, its due time), the
 * vendor message the one of the latest attempt that carried one, and the delivery began with its
 * earliest attempt. Being a function of the set, replaying or reordering records always converges
 * to the same row.
 */
export function summarize(attempts: readonly AttemptFacts[]): DeliverySummary {
  if (attempts.length === 0) throw new Error('a delivery has at least one attempt');
  const byNumber = [...attempts].sort((a, b) => a.n - b.n);
  const latest = byNumber[byNumber.length - 1];
  const withMessage = byNumber.filter((attempt) => attempt.vendorMessage).pop();
  const createdAt = new Date(Math.min(...byNumber.map((attempt) => attempt.at.getTime())));
  return {
    status: latest.outcome,
    attemptCount: latest.n,
    ...(withMessage?.vendorMessage ? { vendorMessage: withMessage.vendorMessage } : {}),
    createdAt,
    finishedAt: FINAL.includes(latest.outcome) ? latest.at : null,
    dueAt: latest.outcome === 'retrying' ? (latest.dueAt ?? null) : null,
  };
}

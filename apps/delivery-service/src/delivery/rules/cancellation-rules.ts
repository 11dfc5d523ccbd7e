import type { RetryRecordV1, SubscriptionSnapshotV1 } from '@hookbus/contracts';
import { attemptLogOf } from './attempt-log';
import { decisionOf, type DeliveryDecision } from './delivery-decision';
import { type RuleClock, systemClock } from './rule-clock';

export type CancelReason = 'subscription deleted' | 'subscription disabled';

/** Whom a released retry goes to: its subscription as it is now, or nobody, and why. */
export type RetryTarget =
  | { readonly live: SubscriptionSnapshotV1 }
  /** `subscription`: the tenant's own subscription, switched off; absent when deleted. */
  | { readonly cancelled: CancelReason; readonly subscription?: SubscriptionSnapshotV1 };

/**
 * A retry (released or manual) is attempted against the subscription as it is now. Deleted, or
 * another tenant's (nothing of which may show in this tenant's log), it is cancelled as deleted;
 * switched off or disabled (e.g. by a 410), as disabled.
 */
export function retryTargetOf(subscription: SubscriptionSnapshotV1 | undefined, tenantId: string): RetryTarget {
  if (!subscription || subscription.tenantId !== tenantId) return { cancelled: 'subscription deleted' };
  if (!subscription.enabled || subscription.status !== 'active') return { cancelled: 'subscription disabled', subscription };
  return { live: subscription };
}

export interface Cancellation {
  readonly retry: RetryRecordV1;
  readonly plugin: string;
  readonly hook: string;
  readonly reason: CancelReason;
  /** The switched-off subscription, whose endpoint the log shows. */
  readonly subscription?: Pick<SubscriptionSnapshotV1, 'method' | 'url'>;
}

/** A cancelled retry: logged with its attempt number and nothing sent; it keeps the event, so it can be recovered once the subscription is enabled again. */
export function decideCancellation({ retry, plugin, hook, reason, subscription }: Cancellation, clock: Pick<RuleClock, 'now'> = systemClock()): DeliveryDecision {
  const { deliveryId, eventId, subscriptionId, tenantId, attempt, event } = retry;
  const ref = { deliveryId, eventId, subscriptionId, tenantId, subject: event.subject, plugin, hook };
  const request = { method: subscription?.method ?? '', url: subscription?.url ?? '', headers: {}, body: '' };
  return decisionOf(attemptLogOf({ ref, event, attempt }, { at: clock.now, request, durationMs: 0, error: reason }, 'cancelled'));
}

import type { DeliveryAttempt } from './delivery-attempt.entity';
import type { Delivery } from './delivery.entity';

/** A delivery as lists show it: everything but the attempts (see `toDeliveryDetail`). */
export function toDeliverySummary(delivery: Delivery) {
  return {
    id: delivery.id,
    eventId: delivery.eventId,
    subscriptionId: delivery.subscriptionId,
    ...(delivery.subject ? { subject: delivery.subject } : {}),
    plugin: delivery.plugin,
    hook: delivery.hook,
    status: delivery.status,
    attemptCount: delivery.attemptCount,
    ...(delivery.vendorMessage ? { vendorMessage: delivery.vendorMessage } : {}),
    ...(delivery.dueAt ? { dueAt: delivery.dueAt.toISOString() } : {}),
    createdAt: delivery.createdAt.toISOString(),
    updatedAt: delivery.updatedAt.toISOString(),
  };
}

/**
 * DESIGN's attempt shape: `{n, at, request, response?, durationMs, error?, outcome}`, plus when a
 * `retrying` one's next attempt is due, how often it was put off, its endpoint's flow control then,
 * and the receiver's own message when it gave one.
 */
export function toAttemptView(attempt: DeliveryAttempt) {
  return {
    n: attempt.n,
    at: attempt.at.toISOString(),
    request: attempt.request,
    ...(attempt.response ? { response: attempt.response } : {}),
    durationMs: attempt.durationMs,
    ...(attempt.error ? { error: attempt.error } : {}),
    outcome: attempt.outcome,
    ...(attempt.dueAt ? { dueAt: attempt.dueAt.toISOString() } : {}),
    ...(attempt.deferrals ? { deferrals: attempt.deferrals } : {}),
    ...(attempt.endpoint ? { endpoint: attempt.endpoint } : {}),
    ...(attempt.vendorMessage ? { vendorMessage: attempt.vendorMessage } : {}),
  };
}

export const toDeliveryDetail = (delivery: Delivery, attempts: readonly DeliveryAttempt[]) => ({
  ...toDeliverySummary(delivery),
  attempts: attempts.map(toAttemptView),
});

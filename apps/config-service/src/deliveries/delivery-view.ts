import type { z } from 'zod';
import type { attemptView, deliveryDetailView, deliverySummaryView } from './deliveries.schemas';
import type { DeliveryAttempt } from './delivery-attempt.entity';
import type { Delivery } from './delivery.entity';

// Absent optional fields are `undefined`, which JSON leaves out.

/** A delivery as lists show it: everything but the attempts (see `toDeliveryDetail`). */
export function toDeliverySummary(delivery: Delivery): z.output<typeof deliverySummaryView> {
  return {
    id: delivery.id,
    eventId: delivery.eventId,
    subscriptionId: delivery.subscriptionId,
    subject: delivery.subject || undefined,
    plugin: delivery.plugin,
    hook: delivery.hook,
    status: delivery.status,
    attemptCount: delivery.attemptCount,
    vendorMessage: delivery.vendorMessage || undefined,
    dueAt: delivery.dueAt?.toISOString(),
    createdAt: delivery.createdAt.toISOString(),
    updatedAt: delivery.updatedAt.toISOString(),
  };
}

/**
 * DESIGN's attempt shape: `{n, at, request, response?, durationMs, error?, outcome}`, plus when a
 * `retrying` one's next attempt is due, how often it was put off, its endpoint's flow control then,
 * and the receiver's own message when it gave one.
 */
export function toAttemptView(attempt: DeliveryAttempt): z.output<typeof attemptView> {
  return {
    n: attempt.n,
    at: attempt.at.toISOString(),
    request: attempt.request,
    response: attempt.response ?? undefined,
    durationMs: attempt.durationMs,
    error: attempt.error || undefined,
    outcome: attempt.outcome,
    dueAt: attempt.dueAt?.toISOString(),
    deferrals: attempt.deferrals || undefined,
    endpoint: attempt.endpoint ?? undefined,
    vendorMessage: attempt.vendorMessage || undefined,
  };
}

/** The delivery page's answer: the summary, every attempt, and whether a manual retry would be taken now. */
export const toDeliveryDetail = (
  delivery: Delivery,
  attempts: readonly DeliveryAttempt[],
  retry: z.output<typeof deliveryDetailView>['retry'],
): z.output<typeof deliveryDetailView> => ({
  ...toDeliverySummary(delivery),
  attempts: attempts.map(toAttemptView),
  retry,
});

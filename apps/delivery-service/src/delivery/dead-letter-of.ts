import type { DeadLetterRecordV1, HookbusEvent } from '@hookbus/contracts';
import type { DeliverablePlugin } from '@hookbus/delivery-sdk';
import { batchInfoOf } from './batch-info';
import type { DeliveryRef } from './delivery-ref';

export type NextAttempt = Pick<DeadLetterRecordV1, 'attempt' | 'deferrals' | 'dueAt' | 'reason'>;

/** The dead letter that holds a delivery's next attempt until it is due; a paced plugin's keeps its pacing. */
export function deadLetterOf(ref: DeliveryRef, event: HookbusEvent, plugin: DeliverablePlugin, settings: Record<string, unknown>, next: NextAttempt): DeadLetterRecordV1 {
  const batch = batchInfoOf(plugin, settings);
  return {
    deliveryId: ref.deliveryId,
    eventId: ref.eventId,
    subscriptionId: ref.subscriptionId,
    tenantId: ref.tenantId,
    attempt: next.attempt,
    ...(next.deferrals === undefined ? {} : { deferrals: next.deferrals }),
    dueAt: next.dueAt,
    reason: next.reason,
    event,
    ...(batch ? { batch } : {}),
  };
}

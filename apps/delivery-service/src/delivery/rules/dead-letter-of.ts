import type { DeadLetterRecordV1 } from '@hookbus/contracts';
import type { AttemptContext } from './attempt-context';
import { batchInfoOf } from './batch-info';

export type NextAttempt = Pick<DeadLetterRecordV1, 'attempt' | 'deferrals' | 'dueAt' | 'reason'>;

/** The dead letter that holds a delivery's next attempt until it is due; a paced plugin's keeps its pacing. */
export function deadLetterOf({ ref, event, plugin, subscription }: Omit<AttemptContext, 'attempt'>, next: NextAttempt): DeadLetterRecordV1 {
  const batch = batchInfoOf(plugin, subscription.settings);
  return {
    deliveryId: ref.deliveryId,
    eventId: ref.eventId,
    subscriptionId: ref.subscriptionId,
    tenantId: ref.tenantId,
    plugin: ref.plugin,
    hook: ref.hook,
    attempt: next.attempt,
    ...(next.deferrals === undefined ? {} : { deferrals: next.deferrals }),
    dueAt: next.dueAt,
    reason: next.reason,
    event,
    ...(batch ? { batch } : {}),
  };
}

import { Inject, Injectable } from '@nestjs/common';
import type { DeliveryAttemptRecordV1, DeliveryStatus, HookbusEvent, SubscriptionSnapshotV1 } from '@hookbus/contracts';
import type { Classification, DeliverablePlugin, Subscription } from '@hookbus/delivery-sdk';
import { deadLetterOf } from './dead-letter-of';
import { DeliveryPublisher } from './delivery.publisher';
import type { DeliveryRef } from './delivery-ref';
import { nextRetryDelayMs } from './retry-plan';

export interface AttemptResult {
  readonly ref: DeliveryRef;
  readonly event: HookbusEvent;
  readonly plugin: DeliverablePlugin;
  readonly snapshot: SubscriptionSnapshotV1;
  readonly subscription: Subscription;
  readonly attempt: number;
  /** The attempt's log record; its outcome is decided here. */
  readonly record: DeliveryAttemptRecordV1;
  readonly verdict: Classification;
}

/**
 * Turns a plugin's verdict into the delivery's state and what follows: a dead-letter record for a
 * retry while the policy has delays left, else the failure e-mail (abandoned for scheduled plugins,
 * whose orders ride along with later runs).
 */
@Injectable()
export class AttemptConsequences {
  constructor(@Inject(DeliveryPublisher) private readonly publisher: DeliveryPublisher) {}

  async apply({ ref, event, plugin, snapshot, subscription, attempt, record, verdict }: AttemptResult): Promise<void> {
    const log = (outcome: DeliveryStatus, details: Pick<DeliveryAttemptRecordV1, 'vendorMessage' | 'gone' | 'dueAt'> = {}) =>
      this.publisher.log({
        ...record,
        outcome,
        ...(details.vendorMessage === undefined ? {} : { vendorMessage: details.vendorMessage }),
        // A gone endpoint also disables the subscription: config-service does that from this record.
        ...(details.gone ? { gone: true as const } : {}),
        ...(details.dueAt === undefined ? {} : { dueAt: details.dueAt }),
        // Whatever did not deliver keeps the event with it, so config-service can send it again by
        // hand later (or recover it, should its retry be lost).
        ...(outcome === 'delivered' ? {} : { event }),
      });
    const notify = (type: 'delivery.failed' | 'delivery.abandoned', reason: string, vendorMessage?: string) =>
      this.publisher.notify(type, ref, snapshot, {
        attempt,
        reason,
        ...(vendorMessage === undefined ? {} : { vendorMessage }),
        ...(record.response ? { httpStatus: record.response.status } : {}),
      });

    if (verdict.result === 'delivered') return log('delivered', { vendorMessage: verdict.vendorMessage });

    if (verdict.result === 'failed') {
      await log('failed', { vendorMessage: verdict.vendorMessage, ...(verdict.gone ? { gone: true } : {}) });
      return notify('delivery.failed', verdict.reason, verdict.vendorMessage);
    }

    const delayMs = nextRetryDelayMs(plugin, snapshot.retryPolicy, attempt, verdict.retryAfterMs);
    if (delayMs === undefined) {
      const reason = `${verdict.reason}; no retry left after attempt ${attempt}`;
      if (plugin.schedule) {
        await log('abandoned');
        return notify('delivery.abandoned', reason);
      }
      await log('failed');
      return notify('delivery.failed', reason);
    }

    const dueAt = new Date(Date.now() + delayMs).toISOString();
    await log('retrying', { dueAt });
    // The attempt to make once due, so the retry-scheduler releases the record unchanged.
    await this.publisher.deadLetter(deadLetterOf(ref, event, plugin, subscription.settings, { attempt: attempt + 1, dueAt, reason: verdict.reason }));
  }
}

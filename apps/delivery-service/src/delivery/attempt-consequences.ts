import { Inject, Injectable } from '@nestjs/common';
import type { DeliveryAttemptRecordV1, DeliveryStatus, HookbusEvent, SubscriptionSnapshotV1 } from '@hookbus/contracts';
import type { Classification, DeliverablePlugin, Subscription } from '@hookbus/delivery-sdk';
import { batchInfoOf } from './batch-info';
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
 * whose orders ride along with later runs), and `subscription.disabled` on 410 Gone.
 */
@Injectable()
export class AttemptConsequences {
  constructor(@Inject(DeliveryPublisher) private readonly publisher: DeliveryPublisher) {}

  async apply({ ref, event, plugin, snapshot, subscription, attempt, record, verdict }: AttemptResult): Promise<void> {
    const log = (outcome: DeliveryStatus, vendorMessage?: string) =>
      this.publisher.log({ ...record, outcome, ...(vendorMessage === undefined ? {} : { vendorMessage }) });

    if (verdict.result === 'delivered') return log('delivered');

    if (verdict.result === 'failed') {
      await log('failed', verdict.vendorMessage);
      await this.publisher.notify('delivery.failed', ref, attempt, verdict.reason, verdict.vendorMessage);
      if (verdict.gone) await this.publisher.notify('subscription.disabled', ref, attempt, verdict.reason);
      return;
    }

    const delayMs = nextRetryDelayMs(plugin, snapshot.retryPolicy, attempt, verdict.retryAfterMs);
    if (delayMs === undefined) {
      const reason = `${verdict.reason}; no retry left after attempt ${attempt}`;
      if (plugin.schedule) {
        await log('abandoned');
        return this.publisher.notify('delivery.abandoned', ref, attempt, reason);
      }
      await log('failed');
      return this.publisher.notify('delivery.failed', ref, attempt, reason);
    }

    await log('retrying');
    const batch = batchInfoOf(plugin, subscription.settings);
    await this.publisher.deadLetter({
      deliveryId: ref.deliveryId,
      eventId: ref.eventId,
      subscriptionId: ref.subscriptionId,
      tenantId: ref.tenantId,
      // The attempt to make once due, so the retry-scheduler releases the record unchanged.
      attempt: attempt + 1,
      dueAt: new Date(Date.now() + delayMs).toISOString(),
      reason: verdict.reason,
      event,
      ...(batch ? { batch } : {}),
    });
  }
}

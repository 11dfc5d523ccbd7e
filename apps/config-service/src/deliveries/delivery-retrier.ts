import { EntityManager } from '@mikro-orm/core';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { type RetryRecordV1, Topics } from '@hookbus/contracts';
import { KafkaBus } from '@hookbus/kafka';
import type { z } from 'zod';
import { ProblemException } from '@hookbus/platform';
import { PLUGIN_CATALOG, type PluginCatalog } from '../subscriptions/config-tokens';
import { Subscription } from '../subscriptions/subscription.entity';
import { notFound } from '../tenants/tenants.service';
import type { RecoverWindow, retryPermissionView } from './deliveries.schemas';
import { Delivery } from './delivery.entity';
import { retryableStateFilter, stateRefusal } from './retryable-state';

const RECOVER_PAGE = 500;

/** Whether a manual retry of a delivery would be taken now, and if not why: what the console shows. */
export type RetryPermission = z.output<typeof retryPermissionView>;

export interface RecoverResult {
  readonly retried: number;
  /** How many deliveries of the window were left alone, by reason. */
  readonly skipped: Record<string, number>;
}

/**
 * Manual retry and recover: a delivery that failed, or is stuck `retrying` (see `stateRefusal`), is
 * sent again, as its next attempt, through the retry topic (delivery-service signs, sends and logs
 * it like any attempt, with the same `webhook-id`). This is how a Komet order is "reconfirmed" once
 * its external system is fixed.
 */
@Injectable()
export class DeliveryRetrier {
  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(KafkaBus) private readonly bus: KafkaBus,
    @Inject(PLUGIN_CATALOG) private readonly catalog: PluginCatalog,
  ) {}

  async retry(tenantId: string, id: string): Promise<{ deliveryId: string; attempt: number }> {
    const delivery = await this.em.findOne(Delivery, { id, tenantId });
    if (!delivery) throw notFound(`Delivery ${id}`);
    const subscriptions = await this.liveSubscriptions([delivery]);
    const refusal = this.refusal(delivery, subscriptions.get(delivery.subscriptionId), new Date());
    if (refusal) throw new ProblemException(HttpStatus.CONFLICT, 'Conflict', `Delivery ${id} cannot be retried: ${refusal}.`);
    const [record] = await this.send([delivery]);
    return { deliveryId: record.deliveryId, attempt: record.attempt };
  }

  /** What `retry` would decide about the delivery now, by the same rule, without sending anything. */
  async permission(delivery: Delivery): Promise<RetryPermission> {
    const subscriptions = await this.liveSubscriptions([delivery]);
    const reason = this.refusal(delivery, subscriptions.get(delivery.subscriptionId), new Date());
    return reason ? { allowed: false, reason } : { allowed: true };
  }

  /** Retries every delivery of the window (by first attempt) that may be retried. */
  async recover(tenantId: string, { since, until, subscriptionId }: RecoverWindow): Promise<RecoverResult> {
    const skipped: Record<string, number> = {};
    const now = new Date();
    let retried = 0;
    let after: string | undefined;
    for (;;) {
      const page = await this.em.find(
        Delivery,
        {
          tenantId,
          ...retryableStateFilter(now),
          createdAt: { $gte: since, $lt: until },
          ...(subscriptionId ? { subscriptionId } : {}),
          ...(after ? { id: { $gt: after } } : {}),
        },
        { orderBy: { id: 'asc' }, limit: RECOVER_PAGE },
      );
      if (page.length === 0) break;
      after = page[page.length - 1].id;
      const subscriptions = await this.liveSubscriptions(page);
      const eligible = page.filter((delivery) => {
        const refusal = this.refusal(delivery, subscriptions.get(delivery.subscriptionId), now);
        if (refusal) skipped[refusal] = (skipped[refusal] ?? 0) + 1;
        return !refusal;
      });
      retried += (await this.send(eligible)).length;
    }
    return { retried, skipped };
  }

  /** Why a delivery may not be retried now, or undefined when it may. */
  private refusal(delivery: Delivery, subscription: Subscription | undefined, now: Date): string | undefined {
    const refused = stateRefusal(delivery, now);
    if (refused) return refused;
    if (!subscription) return 'its subscription was deleted';
    if (!subscription.enabled || subscription.status !== 'active') return 'its subscription is disabled; enable it first';
    const hooks = this.catalog.get(delivery.plugin)?.manualRetryHooks;
    if (hooks && !hooks.includes(delivery.hook)) {
      return `${delivery.plugin} allows manual retry only for ${hooks.join(', ')}, not ${delivery.hook}`;
    }
    if (!delivery.event) return 'its event was not kept';
    return undefined;
  }

  private async liveSubscriptions(deliveries: readonly Delivery[]): Promise<Map<string, Subscription>> {
    const ids = [...new Set(deliveries.map(({ subscriptionId }) => subscriptionId))];
    const rows = await this.em.find(Subscription, { id: { $in: ids }, deletedAt: null });
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** Publishes the next attempt of each delivery, then marks them pending (a second retry is refused). */
  private async send(deliveries: readonly Delivery[]): Promise<RetryRecordV1[]> {
    if (deliveries.length === 0) return [];
    // `refusal` already turned away the deliveries without an event.
    const records = deliveries.flatMap(({ id, eventId, subscriptionId, tenantId, plugin, hook, attemptCount, event }): RetryRecordV1[] =>
      event ? [{ deliveryId: id, eventId, subscriptionId, tenantId, plugin, hook, attempt: attemptCount + 1, event, manual: true }] : []);
    await this.bus.publish(Topics.retries.name, records.map((record) => ({ key: record.deliveryId, value: JSON.stringify(record) })));
    await this.em.nativeUpdate(Delivery, { id: { $in: records.map(({ deliveryId }) => deliveryId) } }, { status: 'pending', finishedAt: null, dueAt: null, updatedAt: new Date() });
    return records;
  }
}

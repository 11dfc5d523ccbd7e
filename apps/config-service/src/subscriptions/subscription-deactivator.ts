import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { type DeliveryAttemptRecordV1, maskedUrl, type NotificationRecordV1, Topics } from '@hookbus/contracts';
import { notificationWords } from '@hookbus/delivery-sdk';
import { KafkaBus } from '@hookbus/kafka';
import { Delivery } from '../deliveries/delivery.entity';
import { PLUGIN_CATALOG, type PluginCatalog } from './config-tokens';
import { SubscriptionPublisher } from './subscription-publisher';
import { Subscription } from './subscription.entity';

/**
 * Disables a subscription that keeps failing: at once when its plugin judged the endpoint gone (410), or once
 * its latest `deactivateAfterFailures` finished deliveries (a plugin setting; Komerce: 5) all failed.
 * It decides from the delivery log, so a redelivered attempt record decides the same way, and only
 * what happened since the subscription was last enabled counts.
 */
@Injectable()
export class SubscriptionDeactivator {
  private readonly logger = new Logger(SubscriptionDeactivator.name);

  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(KafkaBus) private readonly bus: KafkaBus,
    @Inject(SubscriptionPublisher) private readonly publisher: SubscriptionPublisher,
    @Inject(PLUGIN_CATALOG) private readonly catalog: PluginCatalog,
  ) {}

  /** Called for each attempt record once the delivery log holds it. */
  async onAttempt(record: DeliveryAttemptRecordV1): Promise<void> {
    if (record.outcome !== 'failed') return;
    const em = this.em.fork();
    const subscription = await em.findOne(Subscription, { id: record.subscriptionId, tenantId: record.tenantId, deletedAt: null });
    if (!subscription || !subscription.enabled || subscription.status !== 'active') return;
    if (subscription.activeSince && new Date(record.at) < subscription.activeSince) return;
    const reason = await this.reasonToDisable(em, subscription, record);
    if (reason) await this.disable(em, subscription, reason);
  }

  private async reasonToDisable(em: EntityManager, subscription: Subscription, record: DeliveryAttemptRecordV1): Promise<string | undefined> {
    if (record.gone) {
      const answer = record.response ? `answered HTTP ${record.response.status} Gone` : `is gone (${record.error ?? 'no answer'})`;
      return `the endpoint ${answer} (delivery ${record.deliveryId})`;
    }
    const limit = subscription.settings['deactivateAfterFailures'];
    if (typeof limit !== 'number' || limit < 1) return undefined;
    const latest = await em.find(
      Delivery,
      {
        subscriptionId: subscription.id,
        status: { $in: ['delivered', 'failed'] },
        finishedAt: subscription.activeSince ? { $gte: subscription.activeSince } : { $ne: null },
      },
      { orderBy: { finishedAt: 'desc' }, limit, fields: ['status'] },
    );
    const inARow = latest.length === limit && latest.every(({ status }) => status === 'failed');
    return inARow ? `${limit} deliveries failed in a row (the latest: ${record.deliveryId})` : undefined;
  }

  private async disable(em: EntityManager, subscription: Subscription, reason: string): Promise<void> {
    const version = subscription.version + 1;
    // The e-mail goes first, under an id fixed by the version the subscription is about to get: if
    // what follows fails, the redelivered attempt record sends it again and the notifier dedupes.
    const notice = { ...disabledNotice(subscription, version, reason), ...this.wordsOf(subscription) };
    await this.bus.publish(Topics.notifications.name, [{ key: subscription.id, value: JSON.stringify(notice) }]);
    // Conditional on the version, so two instances deciding at once disable (and publish) once.
    const changed = await em.nativeUpdate(
      Subscription,
      { id: subscription.id, version: subscription.version },
      { enabled: false, status: 'disabled', disabledReason: reason, version, updatedAt: new Date() },
    );
    if (changed === 0) return;
    await this.publisher.publish([await em.fork().findOneOrFail(Subscription, { id: subscription.id })]);
    this.logger.warn({ message: 'subscription disabled', subscriptionId: subscription.id, tenantId: subscription.tenantId, reason });
  }

  private wordsOf({ plugin, hook }: Subscription) {
    const definition = this.catalog.get(plugin);
    return definition ? notificationWords(definition, hook) : {};
  }
}

function disabledNotice(subscription: Subscription, version: number, reason: string): NotificationRecordV1 {
  return {
    id: `${subscription.id}:v${version}:subscription.disabled`,
    type: 'subscription.disabled',
    tenantId: subscription.tenantId,
    subscriptionId: subscription.id,
    plugin: subscription.plugin,
    hook: subscription.hook,
    url: maskedUrl(subscription.url),
    recipients: subscription.errorEmails,
    reason,
    at: new Date().toISOString(),
  };
}

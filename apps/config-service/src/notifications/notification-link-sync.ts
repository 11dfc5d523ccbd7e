import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import type { Origin } from '@hookbus/contracts';
import { Subscription } from '../subscriptions/subscription.entity';
import { SubscriptionsService } from '../subscriptions/subscriptions.service';
import type { NotificationChannel } from './notification-channel.entity';
import { NotificationEventState } from './notification-event-state.entity';

/** What a link's subscription is made of; `subscriptionId` is absent until it has one. */
export interface LinkTarget {
  readonly tenantId: string;
  readonly eventType: string;
  readonly sources: readonly Origin[];
  readonly subscriptionId?: string;
}

/**
 * Keeps a link's postback subscription equal to (channel, event toggle, sources). Every write
 * goes through SubscriptionsService, so the plugin catalog validates it and the publisher puts it
 * on the compacted topic, exactly like a subscription made through `/v1/subscriptions`.
 */
@Injectable()
export class NotificationLinkSync {
  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(SubscriptionsService) private readonly subscriptions: SubscriptionsService,
  ) {}

  /** The tenant's events that are on; an event the tenant never set is off. */
  async enabledEvents(tenantId: string): Promise<Set<string>> {
    const states = await this.em.find(NotificationEventState, { tenantId, enabled: true });
    return new Set(states.map(({ eventType }) => eventType));
  }

  /**
   * Creates the subscription, or updates it when it differs (so a repeated request publishes
   * nothing new). One deleted through `/v1/subscriptions` is created again. Returns its id and,
   * when it was created, the signing secret, shown this once.
   */
  async sync(link: LinkTarget, channel: NotificationChannel, enabled: boolean): Promise<{ subscriptionId: string; signingSecret?: string }> {
    const live = await this.live(link);
    const settings = { sources: [...link.sources] };
    if (!live) {
      const { subscription, signingSecret } = await this.subscriptions.create(link.tenantId, {
        plugin: 'postback',
        hook: link.eventType,
        url: channel.url,
        enabled,
        settings,
        ...(channel.retryPolicy ? { retryPolicy: channel.retryPolicy } : {}),
      });
      return { subscriptionId: subscription.id, signingSecret };
    }
    const wanted = { url: channel.url, enabled, settings, retryPolicy: channel.retryPolicy ?? null };
    if (!differs(live, wanted)) return { subscriptionId: live.id };
    await this.subscriptions.update(link.tenantId, live.id, wanted);
    return { subscriptionId: live.id };
  }

  /** Deletes the link's subscription (a tombstone on the topic), if it still exists. */
  async unlink(link: LinkTarget): Promise<void> {
    const live = await this.live(link);
    if (live) await this.subscriptions.remove(link.tenantId, live.id);
  }

  private async live(link: LinkTarget): Promise<Subscription | null> {
    if (!link.subscriptionId) return null;
    return this.em.findOne(Subscription, { id: link.subscriptionId, tenantId: link.tenantId, deletedAt: null });
  }
}

function differs(
  live: Subscription,
  wanted: { url: string; enabled: boolean; settings: { sources: Origin[] }; retryPolicy: { delaysSeconds: number[] } | null },
): boolean {
  return (
    live.url !== wanted.url ||
    live.enabled !== wanted.enabled ||
    JSON.stringify(live.settings) !== JSON.stringify(wanted.settings) ||
    JSON.stringify(live.retryPolicy?.delaysSeconds ?? null) !== JSON.stringify(wanted.retryPolicy?.delaysSeconds ?? null)
  );
}

import { EntityManager, raw } from '@mikro-orm/core';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Topics } from '@hookbus/contracts';
import { KafkaBus } from '@hookbus/kafka';
import { toSnapshot } from './subscription-snapshot';
import { Subscription } from './subscription.entity';

const CATCH_UP_INTERVAL_MS = 5_000;

/**
 * Publishes subscription snapshots (or tombstones) to the compacted topic. Every change is
 * published right away; rows whose publish failed are retried every few seconds, and the whole
 * table is republished at start, so the topic alone always rebuilds the full view.
 */
@Injectable()
export class SubscriptionPublisher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SubscriptionPublisher.name);
  private timer?: NodeJS.Timeout;
  private catchingUp?: Promise<void>;

  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(KafkaBus) private readonly bus: KafkaBus,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const count = await this.publishWhere({});
    this.logger.log({ message: 'republished every subscription', count });
    this.timer = setInterval(() => void this.catchUp(), CATCH_UP_INTERVAL_MS);
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Publishes the given rows now and records them as published. */
  async publish(subscriptions: Subscription[]): Promise<void> {
    if (subscriptions.length === 0) return;
    await this.bus.publish(
      Topics.subscriptions.name,
      subscriptions.map((subscription) => ({
        key: subscription.id,
        value: subscription.deletedAt ? null : JSON.stringify(toSnapshot(subscription)),
      })),
    );
    const em = this.em.fork();
    for (const { id, version, deletedAt } of subscriptions) {
      if (deletedAt) await em.nativeDelete(Subscription, { id, version });
      else await em.nativeUpdate(Subscription, { id, version }, { publishedVersion: version });
    }
  }

  private catchUp(): Promise<void> {
    this.catchingUp ??= this.publishWhere({ publishedVersion: { $lt: raw('version') } })
      .catch((error: unknown) => void this.logger.warn({ message: 'catch-up publish failed', reason: String(error) }))
      .then(() => undefined)
      .finally(() => (this.catchingUp = undefined));
    return this.catchingUp;
  }

  private async publishWhere(where: object): Promise<number> {
    const rows = await this.em.fork().find(Subscription, where, { orderBy: { id: 'asc' } });
    await this.publish(rows);
    return rows.length;
  }
}

import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { SecretBox } from '@hookbus/platform';
import { SECRET_BOX } from './config-tokens';
import { resealed, sealedUnderCurrentKey } from './subscription-secrets';
import { Subscription } from './subscription.entity';

/**
 * At start, seals again under the current key every subscription whose secrets a previous key (or
 * the `enc:v1:` form) sealed, so a rotated-out HOOKBUS_SECRET_KEY can be dropped. It runs at module
 * init, before SubscriptionPublisher's start: the version it bumps makes the publisher (at start,
 * or its catch-up if Kafka is down) carry the new snapshot to delivery-service.
 */
@Injectable()
export class SubscriptionResealer implements OnModuleInit {
  private readonly logger = new Logger(SubscriptionResealer.name);

  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(SECRET_BOX) private readonly box: SecretBox,
  ) {}

  async onModuleInit(): Promise<void> {
    const em = this.em.fork();
    const stale = (await em.find(Subscription, { deletedAt: null }, { orderBy: { id: 'asc' } })).filter(
      (subscription) => !sealedUnderCurrentKey(this.box, subscription),
    );
    let count = 0;
    for (const subscription of stale) {
      // Only if unchanged since read: a replica that changed it meanwhile sealed it itself.
      count += await em.nativeUpdate(
        Subscription,
        { id: subscription.id, version: subscription.version },
        { ...this.open(subscription), version: subscription.version + 1, updatedAt: new Date() },
      );
    }
    this.logger.log({ message: 'subscription secrets are sealed under the current key', keyId: this.box.keyId, resealed: count, changedMeanwhile: stale.length - count });
  }

  private open(subscription: Subscription): ReturnType<typeof resealed> {
    try {
      return resealed(this.box, subscription);
    } catch (error) {
      // A key left out of HOOKBUS_SECRET_KEY_PREVIOUS too early: say so rather than publish what cannot open.
      throw new Error(`subscription ${subscription.id}: ${(error as Error).message}; the key that sealed it belongs in HOOKBUS_SECRET_KEY_PREVIOUS`);
    }
  }
}

import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { Topics } from '@hookbus/contracts';
import { KafkaBus } from '@hookbus/kafka';
import { CompactedTopicOutbox } from '../outbox/compacted-topic-outbox';
import { toSnapshot } from './subscription-snapshot';
import { Subscription } from './subscription.entity';

/** Subscription snapshots (or tombstones, once deleted) on `hookbus.subscriptions.v1`: delivery-service's view. */
@Injectable()
export class SubscriptionPublisher extends CompactedTopicOutbox<Subscription> {
  constructor(@Inject(EntityManager) em: EntityManager, @Inject(KafkaBus) bus: KafkaBus) {
    super(em, bus, {
      entity: Subscription,
      topic: Topics.subscriptions.name,
      value: (subscription) => (subscription.deletedAt ? null : JSON.stringify(toSnapshot(subscription))),
    });
  }
}

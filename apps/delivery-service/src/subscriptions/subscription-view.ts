import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { type SubscriptionSnapshotV1, subscriptionSnapshotV1, Topics } from '@hookbus/contracts';
import { KafkaBus, TopicView } from '@hookbus/kafka';
import { gauge } from '@hookbus/platform';
import { SubscriptionIndex } from './subscription-index';

const isSameVersion = (held: SubscriptionSnapshotV1, json: unknown): boolean =>
  typeof json === 'object' && json !== null && (json as Partial<SubscriptionSnapshotV1>).version === held.version && (json as Partial<SubscriptionSnapshotV1>).updatedAt === held.updatedAt;

/**
 * delivery-service's copy of every subscription, rebuilt at each start from the compacted
 * `hookbus.subscriptions.v1` alone (never config-service's database) and kept current from it.
 */
@Injectable()
export class SubscriptionView implements OnApplicationBootstrap {
  private readonly index = new SubscriptionIndex();
  private readonly held = gauge({ name: 'hookbus_subscription_view_subscriptions', help: "Subscriptions in this instance's view, of every tenant" });
  private readonly view = new TopicView<SubscriptionSnapshotV1>({
    topic: Topics.subscriptions.name,
    schema: subscriptionSnapshotV1,
    keyOf: (snapshot) => snapshot.id,
    // Re-publishing the same version is normal (config-service republishes at start); older ones are stale.
    replaces: (held, next) => next.version >= held.version,
    // config-service republishes every subscription at start: the same version is the same snapshot.
    unchanged: (held, json) => isSameVersion(held, json),
    onChange: (previous, next) => {
      this.index.replace(previous, next);
      this.held.set(this.view.size);
    },
  });

  constructor(@Inject(KafkaBus) private readonly bus: KafkaBus) {}

  // After every module's init: the Kafka module has created the topic by then.
  async onApplicationBootstrap(): Promise<void> {
    await this.view.start(this.bus);
  }

  get isCaughtUp(): boolean {
    return this.view.isCaughtUp;
  }

  /** Resolves once the view holds every subscription that was on the topic when the service started. */
  caughtUp(): Promise<void> {
    return this.view.caughtUp();
  }

  all(): SubscriptionSnapshotV1[] {
    return [...this.view.values()];
  }

  get(id: string): SubscriptionSnapshotV1 | undefined {
    return this.view.get(id);
  }

  /**
   * The subscriptions an event of a tenant must be delivered to through any of `hooks` (hook names
   * by plugin, those that take its type): enabled and active. From the index: the cost grows with
   * the tenant's subscriptions on those hooks, not with the whole view.
   */
  forHooks(tenantId: string, hooks: ReadonlyMap<string, ReadonlySet<string>>): SubscriptionSnapshotV1[] {
    return this.index.find(tenantId, hooks).filter(({ enabled, status }) => enabled && status === 'active');
  }
}

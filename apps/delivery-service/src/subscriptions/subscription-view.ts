import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { describeIssues, type SubscriptionSnapshotV1, subscriptionSnapshotV1, Topics, validate } from '@hookbus/contracts';
import { type CompactedTopicReader, KafkaBus, type TableChange } from '@hookbus/kafka';

/**
 * delivery-service's copy of every subscription, rebuilt at each start from the compacted
 * `hookbus.subscriptions.v1` alone (never config-service's database) and kept current from it.
 */
@Injectable()
export class SubscriptionView implements OnApplicationBootstrap {
  private readonly logger = new Logger(SubscriptionView.name);
  private readonly byId = new Map<string, SubscriptionSnapshotV1>();
  private reader?: CompactedTopicReader;

  constructor(@Inject(KafkaBus) private readonly bus: KafkaBus) {}

  // After every module's init: the Kafka module has created the topic by then.
  async onApplicationBootstrap(): Promise<void> {
    this.reader = await this.bus.readTable(Topics.subscriptions.name, { onChange: (change) => this.apply(change) });
  }

  get isCaughtUp(): boolean {
    return this.reader?.isCaughtUp ?? false;
  }

  /** Resolves once the view holds every subscription that was on the topic when the service started. */
  caughtUp(): Promise<void> {
    return this.reader?.caughtUp() ?? Promise.reject(new Error('the subscription view has not started'));
  }

  all(): SubscriptionSnapshotV1[] {
    return [...this.byId.values()];
  }

  get(id: string): SubscriptionSnapshotV1 | undefined {
    return this.byId.get(id);
  }

  /** The subscriptions an event of a tenant must be delivered to through a plugin's hook: enabled and active. */
  forRoute(tenantId: string, plugin: string, hook: string): SubscriptionSnapshotV1[] {
    return this.all().filter(
      (subscription) =>
        subscription.tenantId === tenantId &&
        subscription.plugin === plugin &&
        subscription.hook === hook &&
        subscription.enabled &&
        subscription.status === 'active',
    );
  }

  private apply({ key, value, message }: TableChange): void {
    if (value === null) {
      this.byId.delete(key);
      return;
    }
    const where = { key, partition: message.partition, offset: message.offset };
    let json: unknown;
    try {
      json = JSON.parse(value.toString('utf8'));
    } catch (error) {
      this.logger.warn({ message: 'subscription snapshot skipped: not JSON', ...where, reason: (error as Error).message });
      return;
    }
    const result = validate(subscriptionSnapshotV1, json);
    if (!result.ok) {
      this.logger.warn({ message: 'subscription snapshot skipped: invalid', ...where, reason: describeIssues(result.issues) });
      return;
    }
    const snapshot = result.value;
    if (snapshot.id !== key) {
      this.logger.warn({ message: 'subscription snapshot skipped: id differs from key', ...where, id: snapshot.id });
      return;
    }
    const held = this.byId.get(key);
    // Re-publishing the same version is normal (config-service republishes at start); older ones are stale.
    if (held && snapshot.version < held.version) {
      this.logger.debug({ message: 'stale subscription snapshot ignored', ...where, version: snapshot.version, held: held.version });
      return;
    }
    this.byId.set(key, snapshot);
  }
}

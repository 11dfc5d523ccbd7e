import { Inject, Injectable } from '@nestjs/common';
import { EventTypes, type RetryRecordV1 } from '@hookbus/contracts';
import { AttemptExecutor } from '../delivery/attempt.executor';
import { DeliveryPublisher } from '../delivery/delivery.publisher';
import { decideCancellation, retryTargetOf } from '../delivery/rules';
import { PluginRegistry } from '../plugins/plugin-registry';
import { SubscriptionView } from '../subscriptions/subscription-view';

/**
 * A delivery the retry-scheduler released (or a manual retry): the next attempt against the
 * subscription as it is now. A subscription deleted or switched off meanwhile cancels it.
 */
@Injectable()
export class RetryHandler {
  constructor(
    @Inject(SubscriptionView) private readonly view: SubscriptionView,
    @Inject(PluginRegistry) private readonly plugins: PluginRegistry,
    @Inject(AttemptExecutor) private readonly executor: AttemptExecutor,
    @Inject(DeliveryPublisher) private readonly publisher: DeliveryPublisher,
  ) {}

  async handle(record: RetryRecordV1): Promise<void> {
    const snapshot = this.view.get(record.subscriptionId);
    const route = (EventTypes as Record<string, { route: { plugin: string; hook: string } } | undefined>)[record.event.type]?.route;
    const vendor = snapshot?.plugin ?? route?.plugin ?? 'unknown';
    // Every deployment reads the retry topic; each attempts only its own vendors.
    const plugin = this.plugins.get(vendor);
    if (!plugin) return;

    const target = retryTargetOf(snapshot, record.tenantId);
    if ('cancelled' in target) {
      const hook = target.subscription?.hook ?? route?.hook ?? 'unknown';
      return this.publisher.publish(decideCancellation({ retry: record, plugin: vendor, hook, reason: target.cancelled, subscription: target.subscription }));
    }
    await this.executor.execute({ event: record.event, snapshot: target.live, plugin, attempt: record.attempt, deferrals: record.deferrals });
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { RetryRecordV1 } from '@hookbus/contracts';
import { REGISTERED_PLUGINS } from '@hookbus/plugin-registry';
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
    const target = retryTargetOf(this.view.get(record.subscriptionId), record.tenantId);
    const subscription = 'live' in target ? target.live : target.subscription;
    // Its subscription's plugin; once that is gone, the one the record names.
    const route = subscription ?? (record.plugin === undefined ? this.legacyRoute(record.event.type) : record);
    // Every deployment reads the retry topic; each attempts only its own vendors.
    const plugin = route.plugin === undefined ? undefined : this.plugins.get(route.plugin);
    if (!plugin) return;

    if ('cancelled' in target) {
      const hook = route.hook ?? 'unknown';
      return this.publisher.publish(decideCancellation({ retry: record, plugin: plugin.vendor, hook, reason: target.cancelled, subscription: target.subscription }));
    }
    await this.executor.execute({ event: record.event, snapshot: target.live, plugin, attempt: record.attempt, deferrals: record.deferrals });
  }

  /**
   * A record written before retry records named their plugin and hook, whose subscription is gone:
   * the build's first hook that takes its event's type (each type had one then) logs it cancelled.
   * The build's, not this deployment's: with a generic plugin hosted elsewhere, both deployments
   * would otherwise log it, one under the wrong plugin.
   */
  private legacyRoute(type: string): { plugin?: string; hook?: string } {
    for (const { definition } of REGISTERED_PLUGINS) {
      const hook = definition.hooks.find(({ eventTypes }) => (eventTypes as readonly string[]).includes(type));
      if (hook) return { plugin: definition.vendor, hook: hook.name };
    }
    return {};
  }
}

import { ConsoleLogger, Inject, Injectable, Logger } from '@nestjs/common';
import type { HookbusEvent } from '@hookbus/contracts';
import { counter, type SecretBox } from '@hookbus/platform';
import { AttemptExecutor } from './delivery/attempt.executor';
import { DeliveryBudget } from './delivery/delivery-budget';
import { SECRET_BOX } from './delivery/delivery-tokens';
import { plainSubscription } from './delivery/plain-subscription';
import { ScheduledDelivery } from './delivery/scheduled-delivery';
import { PluginRegistry } from './plugins/plugin-registry';
import { SubscriptionView } from './subscriptions/subscription-view';

/**
 * Fans every valid event out to the tenant's subscriptions on every hosted hook that takes its type
 * (several plugins may take one type) that the plugin's `matches` accepts: a first attempt now, or
 * a scheduled one for paced plugins.
 */
@Injectable()
export class EventDispatcher {
  private readonly logger = new Logger(EventDispatcher.name);
  private readonly received = counter({
    name: 'hookbus_events_received_total',
    help: 'Valid events consumed from hookbus.events.v1, by type',
    labelNames: ['type'],
  });
  // Asked once, on the first event (the app's logger is in place by then, its levels set at boot):
  // asking on every event showed in profiles.
  private debugging?: boolean;

  constructor(
    @Inject(SubscriptionView) private readonly view: SubscriptionView,
    @Inject(PluginRegistry) private readonly plugins: PluginRegistry,
    @Inject(SECRET_BOX) private readonly box: SecretBox,
    @Inject(AttemptExecutor) private readonly executor: AttemptExecutor,
    @Inject(ScheduledDelivery) private readonly scheduled: ScheduledDelivery,
    @Inject(DeliveryBudget) private readonly budget: DeliveryBudget,
  ) {}

  async dispatch(event: HookbusEvent): Promise<void> {
    this.received.inc({ type: event.type });
    if ((this.debugging ??= logsDebug(this.logger))) this.logger.debug({ message: 'event received', eventId: event.id, type: event.type, tenantId: event.tenantid });
    const hooks = this.plugins.hooksTaking(event.type);
    // No hosted plugin takes this type: another deployment delivers it (DELIVERY_PLUGINS), or none does.
    if (hooks.size === 0) return;

    const targets = this.view.forHooks(event.tenantid, hooks).flatMap((snapshot) => {
      const plugin = this.plugins.get(snapshot.plugin);
      const matches = plugin && (plugin.matches?.(event, plainSubscription(this.box, snapshot, plugin)) ?? true);
      return matches ? [{ snapshot, plugin }] : [];
    });
    // Concurrently: one slow receiver must not hold up the tenant's other subscriptions.
    await Promise.all(
      targets.map(({ snapshot, plugin }) =>
        this.budget.run(() => (plugin.schedule ? this.scheduled.enqueue(event, snapshot, plugin) : this.executor.execute({ event, snapshot, plugin, attempt: 1 }))),
      ),
    );
  }
}

/** Whether `logger` writes debug lines; a logger other than Nest's own is asked every time. */
function logsDebug(logger: Logger): boolean {
  const target = logger.localInstance;
  return target instanceof ConsoleLogger ? target.isLevelEnabled('debug') : true;
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventTypes, type HookbusEvent } from '@hookbus/contracts';
import { counter, type SecretBox } from '@hookbus/platform';
import { AttemptExecutor } from './delivery/attempt.executor';
import { SECRET_BOX } from './delivery/delivery-tokens';
import { plainSubscription } from './delivery/plain-subscription';
import { ScheduledDelivery } from './delivery/scheduled-delivery';
import { PluginRegistry } from './plugins/plugin-registry';
import { SubscriptionView } from './subscriptions/subscription-view';

/**
 * Fans every valid event out to the subscriptions of its route (tenant, plugin, hook) that the
 * plugin's `matches` accepts: a first attempt now, or a scheduled one for paced plugins.
 */
@Injectable()
export class EventDispatcher {
  private readonly logger = new Logger(EventDispatcher.name);
  private readonly received = counter({
    name: 'hookbus_events_received_total',
    help: 'Valid events consumed from hookbus.events.v1, by type',
    labelNames: ['type'],
  });

  constructor(
    @Inject(SubscriptionView) private readonly view: SubscriptionView,
    @Inject(PluginRegistry) private readonly plugins: PluginRegistry,
    @Inject(SECRET_BOX) private readonly box: SecretBox,
    @Inject(AttemptExecutor) private readonly executor: AttemptExecutor,
    @Inject(ScheduledDelivery) private readonly scheduled: ScheduledDelivery,
  ) {}

  async dispatch(event: HookbusEvent): Promise<void> {
    this.received.inc({ type: event.type });
    this.logger.debug({ message: 'event received', eventId: event.id, type: event.type, tenantId: event.tenantid });
    const route = (EventTypes as Record<string, { route: { plugin: string; hook: string } } | undefined>)[event.type]?.route;
    // Another deployment hosts this vendor (DELIVERY_PLUGINS), or the type routes nowhere.
    const plugin = route && this.plugins.get(route.plugin);
    if (!route || !plugin) return;

    const targets = this.view
      .forRoute(event.tenantid, route.plugin, route.hook)
      .filter((snapshot) => plugin.matches?.(event, plainSubscription(this.box, snapshot, plugin)) ?? true);
    // Concurrently: one slow receiver must not hold up the tenant's other subscriptions.
    await Promise.all(
      targets.map((snapshot) =>
        plugin.schedule ? this.scheduled.enqueue(event, snapshot, plugin) : this.executor.execute({ event, snapshot, plugin, attempt: 1 }),
      ),
    );
  }
}

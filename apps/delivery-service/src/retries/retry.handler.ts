import { Inject, Injectable } from '@nestjs/common';
import { EventTypes, type RetryRecordV1 } from '@hookbus/contracts';
import { AttemptExecutor } from '../delivery/attempt.executor';
import { DeliveryPublisher } from '../delivery/delivery.publisher';
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

    const gone = !snapshot || snapshot.tenantId !== record.tenantId;
    const off = snapshot && (!snapshot.enabled || snapshot.status !== 'active');
    if (gone || off) {
      const { deliveryId, eventId, subscriptionId, tenantId, attempt, event } = record;
      await this.publisher.log({
        ...{ deliveryId, eventId, subscriptionId, tenantId, subject: event.subject, attempt },
        plugin: vendor,
        hook: snapshot?.hook ?? route?.hook ?? 'unknown',
        at: new Date().toISOString(),
        request: { method: snapshot?.method ?? '', url: snapshot?.url ?? '', headers: {}, body: '' },
        durationMs: 0,
        error: gone ? 'subscription deleted' : 'subscription disabled',
        outcome: 'cancelled',
        // Kept so that the delivery can be recovered once the subscription is enabled again.
        event,
      });
      return;
    }
    await this.executor.execute({ event: record.event, snapshot, plugin, attempt: record.attempt, deferrals: record.deferrals });
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { deliveryId, type EventType, type Origin, type RetryRecordV1, Topics } from '@hookbus/contracts';
import { KafkaBus } from '@hookbus/kafka';
import { PLUGIN_CATALOG, type PluginCatalog } from './config-tokens';
import type { Subscription } from './subscription.entity';
import { testEvent } from './test-event';

/**
 * `POST /v1/subscriptions/:id/test`: a sample event delivered to this subscription only. It goes
 * onto the retry topic addressed to the subscription (not onto the event stream, which would reach
 * every subscription that takes its type), so delivery-service sends, signs and logs it like any delivery.
 */
@Injectable()
export class SubscriptionTester {
  constructor(
    @Inject(KafkaBus) private readonly bus: KafkaBus,
    @Inject(PLUGIN_CATALOG) private readonly catalog: PluginCatalog,
  ) {}

  async send(subscription: Subscription): Promise<{ deliveryId: string; eventId: string }> {
    const hook = this.catalog.get(subscription.plugin)?.hooks.find(({ name }) => name === subscription.hook);
    const type = hook?.eventTypes[0] as EventType;
    const sources = (subscription.settings.sources as Origin[] | undefined) ?? undefined;
    const event = testEvent(type, subscription.tenantId, subscription.id, sources);
    const record: RetryRecordV1 = {
      deliveryId: deliveryId(event.id, subscription.id),
      eventId: event.id,
      subscriptionId: subscription.id,
      tenantId: subscription.tenantId,
      plugin: subscription.plugin,
      hook: subscription.hook,
      attempt: 1,
      event,
      manual: true,
    };
    await this.bus.publish(Topics.retries.name, [{ key: record.deliveryId, value: JSON.stringify(record) }]);
    return { deliveryId: record.deliveryId, eventId: event.id };
  }
}

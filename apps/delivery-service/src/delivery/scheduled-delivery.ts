import { Inject, Injectable } from '@nestjs/common';
import type { HookbusEvent, SubscriptionSnapshotV1 } from '@hookbus/contracts';
import type { DeliverablePlugin } from '@hookbus/delivery-sdk';
import type { SecretBox } from '@hookbus/platform';
import { DeliveryPublisher } from './delivery.publisher';
import { deliveryRefOf } from './delivery-ref';
import { SECRET_BOX } from './delivery-tokens';
import { maskHeaders } from './masked-headers';
import { plainSubscription } from './plain-subscription';
import { decideScheduled, type LoggedRequest } from './rules';

/**
 * A scheduled plugin's delivery (SecuTix) is not sent on arrival: it is handed to the
 * retry-scheduler, due now, with the pacing it must respect, and logged as pending.
 */
@Injectable()
export class ScheduledDelivery {
  constructor(
    @Inject(SECRET_BOX) private readonly box: SecretBox,
    @Inject(DeliveryPublisher) private readonly publisher: DeliveryPublisher,
  ) {}

  async enqueue(event: HookbusEvent, snapshot: SubscriptionSnapshotV1, plugin: DeliverablePlugin): Promise<void> {
    const ref = deliveryRefOf(event, snapshot);
    const subscription = plainSubscription(this.box, snapshot, plugin);
    // The log shows what will be sent; a request that cannot render shows the bare URL (the attempt will fail).
    let request: LoggedRequest = { method: subscription.method, url: subscription.url, headers: {}, body: '' };
    try {
      const rendered = plugin.render(event, subscription, { deliveryId: ref.deliveryId, attempt: 1 });
      request = { method: rendered.method, url: rendered.url, headers: maskHeaders(rendered.headers, rendered.secretHeaders), body: rendered.body };
    } catch {
      // reported by the attempt itself
    }
    await this.publisher.publish(decideScheduled({ ref, event, plugin, subscription }, request));
  }
}

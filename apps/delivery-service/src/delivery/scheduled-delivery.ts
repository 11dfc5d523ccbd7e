import { Inject, Injectable } from '@nestjs/common';
import type { HookbusEvent, SubscriptionSnapshotV1 } from '@hookbus/contracts';
import type { DeliverablePlugin } from '@hookbus/delivery-sdk';
import type { SecretBox } from '@hookbus/platform';
import { deadLetterOf } from './dead-letter-of';
import { DeliveryPublisher } from './delivery.publisher';
import { deliveryRefOf } from './delivery-ref';
import { SECRET_BOX } from './delivery-tokens';
import { maskHeaders } from './masked-headers';
import { plainSubscription } from './plain-subscription';

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
    const now = new Date().toISOString();
    // The log shows what will be sent; a request that cannot render shows the bare URL (the attempt will fail).
    let request = { method: subscription.method as string, url: subscription.url, headers: {} as Record<string, string>, body: '' };
    try {
      const rendered = plugin.render(event, subscription, { deliveryId: ref.deliveryId, attempt: 1 });
      request = { method: rendered.method, url: rendered.url, headers: maskHeaders(rendered.headers, rendered.secretHeaders), body: rendered.body };
    } catch {
      // reported by the attempt itself
    }
    await this.publisher.deadLetter(deadLetterOf(ref, event, plugin, subscription.settings, { attempt: 1, dueAt: now, reason: 'scheduled' }));
    await this.publisher.log({ ...ref, attempt: 1, at: now, request, durationMs: 0, outcome: 'pending' });
  }
}

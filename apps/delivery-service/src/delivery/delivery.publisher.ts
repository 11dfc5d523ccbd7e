import { Inject, Injectable } from '@nestjs/common';
import {
  type DeadLetterRecordV1,
  type DeliveryAttemptRecordV1,
  maskedUrl,
  type NotificationRecordV1,
  type SubscriptionSnapshotV1,
  Topics,
} from '@hookbus/contracts';
import { KafkaBus } from '@hookbus/kafka';
import { countAttempt } from './delivery-metrics';
import type { DeliveryRef } from './delivery-ref';

type NotificationType = NotificationRecordV1['type'];
type NotifiedSubscription = Pick<SubscriptionSnapshotV1, 'url' | 'errorEmails'>;
export type NotificationDetails = Pick<NotificationRecordV1, 'reason' | 'vendorMessage' | 'httpStatus'> & { readonly attempt: number };

/**
 * Writes what an attempt caused to the stream. Each call resolves only once the broker holds
 * the record (acks=all), so a consumed message is committed after its consequences are durable.
 */
@Injectable()
export class DeliveryPublisher {
  constructor(@Inject(KafkaBus) private readonly bus: KafkaBus) {}

  async log(record: DeliveryAttemptRecordV1): Promise<void> {
    // A secret in the URL's query is masked like a secret header (once per URL: maskedUrl remembers).
    const url = maskedUrl(record.request.url);
    const shown = url === record.request.url ? record : { ...record, request: { ...record.request, url } };
    await this.bus.publish(Topics.deliveryLog.name, [{ key: record.deliveryId, value: JSON.stringify(shown) }]);
    countAttempt(record.plugin, record.outcome);
  }

  async deadLetter(record: DeadLetterRecordV1): Promise<void> {
    await this.bus.publish(Topics.deadLetters.name, [{ key: record.deliveryId, value: JSON.stringify(record) }]);
  }

  async notify(type: NotificationType, ref: DeliveryRef, subscription: NotifiedSubscription, details: NotificationDetails): Promise<void> {
    const record: NotificationRecordV1 = {
      // Derived, so a redelivered event yields the same id and the notifier's dedupe holds.
      id: `${ref.deliveryId}:${details.attempt}:${type}`,
      type,
      tenantId: ref.tenantId,
      subscriptionId: ref.subscriptionId,
      plugin: ref.plugin,
      hook: ref.hook,
      url: maskedUrl(subscription.url),
      recipients: [...subscription.errorEmails],
      deliveryId: ref.deliveryId,
      eventId: ref.eventId,
      subject: ref.subject,
      ...details,
      at: new Date().toISOString(),
    };
    await this.bus.publish(Topics.notifications.name, [{ key: ref.subscriptionId, value: JSON.stringify(record) }]);
  }
}

import { maskedUrl, type NotificationRecordV1 } from '@hookbus/contracts';
import { notificationWords } from '@hookbus/delivery-sdk';
import type { AttemptContext } from './attempt-context';

export type NotificationType = Extract<NotificationRecordV1['type'], 'delivery.failed' | 'delivery.abandoned'>;
export type NotificationDetails = Pick<NotificationRecordV1, 'reason' | 'vendorMessage' | 'httpStatus'>;

/**
 * The e-mail a delivery that ended without getting through asks for, to the subscription's contacts,
 * in the plugin's words (its title, the hook's name for the subject), so the notifier knows no plugin.
 */
export function notificationOf(
  type: NotificationType,
  { ref, plugin, subscription, attempt }: Pick<AttemptContext, 'ref' | 'plugin' | 'subscription' | 'attempt'>,
  { reason, vendorMessage, httpStatus }: NotificationDetails,
  now: Date,
): NotificationRecordV1 {
  return {
    // Derived, so a redelivered event yields the same id and the notifier's dedupe holds.
    id: `${ref.deliveryId}:${attempt}:${type}`,
    type,
    tenantId: ref.tenantId,
    subscriptionId: ref.subscriptionId,
    plugin: ref.plugin,
    hook: ref.hook,
    ...notificationWords(plugin, ref.hook),
    url: maskedUrl(subscription.url),
    recipients: [...subscription.errorEmails],
    deliveryId: ref.deliveryId,
    eventId: ref.eventId,
    subject: ref.subject,
    attempt,
    reason,
    ...(vendorMessage === undefined ? {} : { vendorMessage }),
    ...(httpStatus === undefined ? {} : { httpStatus }),
    at: now.toISOString(),
  };
}

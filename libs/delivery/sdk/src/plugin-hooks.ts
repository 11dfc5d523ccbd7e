import type { NotificationRecordV1 } from '@hookbus/contracts';
import type { DeliveryPluginDefinition } from './delivery-plugin';

export type NotificationWords = Pick<NotificationRecordV1, 'vendorTitle' | 'subjectLabel'>;

/**
 * How an error e-mail about one of a plugin's hooks names the vendor and the event's subject, carried
 * on the notification record so that the notifier knows no plugin.
 */
export function notificationWords(plugin: Pick<DeliveryPluginDefinition, 'title' | 'hooks'>, hook: string): NotificationWords {
  const subjectLabel = plugin.hooks.find((candidate) => candidate.name === hook)?.subjectLabel;
  return { vendorTitle: plugin.title, ...(subjectLabel === undefined ? {} : { subjectLabel }) };
}

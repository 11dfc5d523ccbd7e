import { describeIssues, notificationRecordV1, type NotificationRecordV1, validate } from '@hookbus/contracts';
import { type ConsumedMessage, decodeMessage, MalformedMessageError } from '@hookbus/kafka';
import { z } from 'zod';

// Column widths of the notifier's tables; a longer value could never be stored, so it is malformed.
const storable = z.object({ id: z.string().max(255), tenantId: z.string().max(128), subscriptionId: z.string().max(64) });

/** Decodes a `hookbus.notifications.v1` message; anything retrying cannot fix is malformed (quarantined). */
export function decodeNotification(message: ConsumedMessage): NotificationRecordV1 {
  const record = decodeMessage(message, notificationRecordV1, 'notification record');
  const limits = validate(storable, record);
  if (!limits.ok) throw new MalformedMessageError(`notification record too large to store: ${describeIssues(limits.issues)}`);
  return record;
}

import { deliveryAttemptRecordV1, type DeliveryAttemptRecordV1, deliveryId, describeIssues, validate } from '@hookbus/contracts';
import { type ConsumedMessage, decodeMessage, MalformedMessageError } from '@hookbus/kafka';
import { z } from 'zod';

/** DESIGN: the log keeps the first 16 KiB of a response body. */
export const RESPONSE_BODY_LIMIT_BYTES = 16 * 1024;

// Column widths of the delivery log; a longer value could never be stored, so it is malformed.
const storable = z.object({
  deliveryId: z.string().max(64),
  tenantId: z.string().max(128),
  eventId: z.string().max(256),
  subscriptionId: z.string().max(64),
  plugin: z.string().max(40),
  hook: z.string().max(80),
});

/**
 * Decodes a `hookbus.deliveries.log.v1` message. Anything that breaks the contract, could not be
 * stored, or whose delivery id is not the one derived from its event and subscription is malformed:
 * retrying cannot fix it, so the consumer quarantines it.
 */
export function decodeAttemptRecord(message: ConsumedMessage): DeliveryAttemptRecordV1 {
  const record = decodeMessage(message, deliveryAttemptRecordV1, 'delivery attempt record');
  const limits = validate(storable, record);
  if (!limits.ok) throw new MalformedMessageError(`delivery attempt record too large to store: ${describeIssues(limits.issues)}`);
  if (record.deliveryId !== deliveryId(record.eventId, record.subscriptionId)) {
    throw new MalformedMessageError(`deliveryId ${record.deliveryId} is not derived from its eventId and subscriptionId`);
  }
  return record;
}

/** The first `limit` bytes of `text` as UTF-8, never cutting a character in two. */
export function truncateUtf8(text: string, limit = RESPONSE_BODY_LIMIT_BYTES): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= limit) return text;
  let end = limit;
  // Back off over continuation bytes (10xxxxxx) to the start of the character that did not fit.
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end -= 1;
  return bytes.subarray(0, end).toString('utf8');
}

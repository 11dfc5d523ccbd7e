import { type DeliveryAttemptRecordV1, type DeliveryStatus, maskedUrl } from '@hookbus/contracts';
import type { AttemptContext } from './attempt-context';
import type { AttemptMade } from './attempt-made';

export type LogDetails = Pick<DeliveryAttemptRecordV1, 'vendorMessage' | 'dueAt'> & { readonly gone?: boolean };

// Outcomes after which nothing is left to send again: the log need not keep the event.
const SENT_OR_ON_ITS_WAY: readonly DeliveryStatus[] = ['delivered', 'pending'];

/** The delivery log's record of one attempt: what went out, what came back, and what it means. */
export function attemptLogOf(
  { ref, event, attempt }: Pick<AttemptContext, 'ref' | 'event' | 'attempt'>,
  made: AttemptMade,
  outcome: DeliveryStatus,
  details: LogDetails = {},
): DeliveryAttemptRecordV1 {
  // A secret in the URL's query is masked like a secret header.
  const url = maskedUrl(made.request.url);
  // Fields named one by one, then optional ones assigned, in the record's key order: V8 copies a
  // spread object fast but adds each further key to the copy slowly, and this runs on every attempt.
  const record: DeliveryAttemptRecordV1 = {
    deliveryId: ref.deliveryId,
    eventId: ref.eventId,
    subscriptionId: ref.subscriptionId,
    tenantId: ref.tenantId,
    subject: ref.subject,
    plugin: ref.plugin,
    hook: ref.hook,
    attempt,
    at: made.at.toISOString(),
    request: url === made.request.url ? made.request : { ...made.request, url },
  } as DeliveryAttemptRecordV1;
  if (made.response) record.response = made.response;
  record.durationMs = made.durationMs;
  if (made.error !== undefined) record.error = made.error;
  record.outcome = outcome;
  if (made.deferrals) record.deferrals = made.deferrals;
  if (made.endpoint) record.endpoint = made.endpoint;
  if (details.vendorMessage !== undefined) record.vendorMessage = details.vendorMessage;
  // A gone endpoint also disables the subscription: config-service does that from this record.
  if (details.gone) record.gone = true;
  if (details.dueAt !== undefined) record.dueAt = details.dueAt;
  // Whatever did not get through keeps its event, so config-service can send it again by hand
  // later (or recover it, should its retry be lost).
  if (!SENT_OR_ON_ITS_WAY.includes(outcome)) record.event = event;
  return record;
}

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
  return {
    ...ref,
    attempt,
    at: made.at.toISOString(),
    request: url === made.request.url ? made.request : { ...made.request, url },
    ...(made.response ? { response: made.response } : {}),
    durationMs: made.durationMs,
    ...(made.error === undefined ? {} : { error: made.error }),
    outcome,
    ...(made.deferrals ? { deferrals: made.deferrals } : {}),
    ...(made.endpoint ? { endpoint: made.endpoint } : {}),
    ...(details.vendorMessage === undefined ? {} : { vendorMessage: details.vendorMessage }),
    // A gone endpoint also disables the subscription: config-service does that from this record.
    ...(details.gone ? { gone: true as const } : {}),
    ...(details.dueAt === undefined ? {} : { dueAt: details.dueAt }),
    // Whatever did not get through keeps its event, so config-service can send it again by hand
    // later (or recover it, should its retry be lost).
    ...(SENT_OR_ON_ITS_WAY.includes(outcome) ? {} : { event }),
  };
}

import type { EndpointFlowV1 } from '@hookbus/contracts';
import type { AttemptContext } from './attempt-context';
import { attemptLogOf } from './attempt-log';
import type { LoggedRequest } from './attempt-made';
import { deadLetterOf } from './dead-letter-of';
import { decisionOf, type DeliveryDecision } from './delivery-decision';
import { type RuleClock, systemClock } from './rule-clock';

/**
 * How often one attempt may be put off. Past it the attempt is made whatever the endpoint's state,
 * so a delivery to an endpoint that never recovers still ends, failed and e-mailed, by its policy.
 */
export const MAX_DEFERRALS = 100;

/** Whether flow control (the endpoint's gate, the subscription's rate limit) may still put the attempt off. */
export const mayPutOff = (deferrals: number): boolean => deferrals < MAX_DEFERRALS;

/** Why and until when flow control holds an attempt back, and what would have been sent. */
export interface PutOff {
  /** How often this attempt was put off before. */
  readonly deferrals: number;
  /** The request as it would be sent, with the answer that paused the endpoint, if one did. */
  readonly request: LoggedRequest;
  readonly response?: { readonly status: number; readonly body: string };
  readonly durationMs?: number;
  /** Epoch ms. */
  readonly until: number;
  /** `<why>: <detail>`: endpoint_paused, circuit_open, endpoint_not_answering, endpoint_saturated or rate_limited. */
  readonly reason: string;
  readonly endpoint?: EndpointFlowV1;
}

/**
 * An attempt put off to the retry path: logged `retrying` with when it is due and why, and
 * dead-lettered with the same attempt number (no retry is used up) and one more deferral, which
 * tells this release from the earlier ones. A paced (SecuTix) delivery keeps its pacing.
 */
export function decidePutOff(context: AttemptContext, putOff: PutOff, clock: Pick<RuleClock, 'now'> = systemClock()): DeliveryDecision {
  const dueAt = new Date(putOff.until).toISOString();
  const deferrals = putOff.deferrals + 1;
  const made = {
    at: clock.now,
    request: putOff.request,
    ...(putOff.response ? { response: putOff.response } : {}),
    durationMs: putOff.durationMs ?? 0,
    error: putOff.reason,
    deferrals,
    ...(putOff.endpoint ? { endpoint: putOff.endpoint } : {}),
  };
  // The same attempt number: the attempt made later replaces this record in the delivery log.
  return decisionOf(attemptLogOf(context, made, 'retrying', { dueAt }), {
    deadLetter: deadLetterOf(context, { attempt: context.attempt, deferrals, dueAt, reason: putOff.reason }),
  });
}

import type { AttemptContext } from './attempt-context';
import { attemptLogOf } from './attempt-log';
import type { LoggedRequest } from './attempt-made';
import { deadLetterOf } from './dead-letter-of';
import { decisionOf, type DeliveryDecision } from './delivery-decision';
import { type RuleClock, systemClock } from './rule-clock';

/**
 * A paced plugin's delivery (SecuTix) is not sent on arrival: its first attempt is logged pending
 * and handed to the retry-scheduler, due now, with the pacing its runs must respect.
 */
export function decideScheduled(context: Omit<AttemptContext, 'attempt'>, request: LoggedRequest, clock: Pick<RuleClock, 'now'> = systemClock()): DeliveryDecision {
  const first = { ...context, attempt: 1 };
  const log = attemptLogOf(first, { at: clock.now, request, durationMs: 0 }, 'pending');
  return decisionOf(log, { deadLetter: deadLetterOf(first, { attempt: 1, dueAt: log.at, reason: 'scheduled' }) });
}

import type { Classification } from '@hookbus/delivery-sdk';
import type { AttemptContext } from './attempt-context';
import { attemptLogOf } from './attempt-log';
import type { AttemptMade } from './attempt-made';
import { deadLetterOf } from './dead-letter-of';
import { decisionOf, type DeliveryDecision } from './delivery-decision';
import { notificationOf, type NotificationType } from './notification-of';
import { nextRetryDelayMs } from './retry-plan';
import { type RuleClock, systemClock } from './rule-clock';

type RetryVerdict = Extract<Classification, { result: 'retry' }>;

/**
 * What a plugin's verdict on a made attempt means. Delivered: logged, nothing follows. Failed:
 * logged and e-mailed. Retry: the next attempt is dead-lettered, due after the policy's next
 * delay, while the policy has delays left; once they run out the delivery failed (abandoned for a
 * paced plugin, whose order rode along with its runs) and is e-mailed.
 */
export function decideVerdict(context: AttemptContext, made: AttemptMade, verdict: Classification, clock: RuleClock = systemClock()): DeliveryDecision {
  if (verdict.result === 'delivered') return decisionOf(attemptLogOf(context, made, 'delivered', { vendorMessage: verdict.vendorMessage }));
  if (verdict.result === 'retry') return decideRetry(context, made, verdict, clock);
  return decisionOf(attemptLogOf(context, made, 'failed', { vendorMessage: verdict.vendorMessage, gone: verdict.gone }), {
    notification: notify('delivery.failed', context, made, verdict.reason, clock, verdict.vendorMessage),
  });
}

function decideRetry(context: AttemptContext, made: AttemptMade, verdict: RetryVerdict, clock: RuleClock): DeliveryDecision {
  const { plugin, subscription, attempt } = context;
  const delayMs = nextRetryDelayMs(plugin, subscription.retryPolicy, attempt, verdict.retryAfterMs, clock.random);
  if (delayMs === undefined) {
    const reason = `${verdict.reason}; no retry left after attempt ${attempt}`;
    const [outcome, type] = plugin.schedule ? (['abandoned', 'delivery.abandoned'] as const) : (['failed', 'delivery.failed'] as const);
    return decisionOf(attemptLogOf(context, made, outcome), { notification: notify(type, context, made, reason, clock) });
  }
  const dueAt = new Date(clock.now.getTime() + delayMs).toISOString();
  return decisionOf(attemptLogOf(context, made, 'retrying', { dueAt }), {
    // The attempt to make once due, so the retry-scheduler releases the record unchanged.
    deadLetter: deadLetterOf(context, { attempt: attempt + 1, dueAt, reason: verdict.reason }),
  });
}

const notify = (type: NotificationType, context: AttemptContext, made: AttemptMade, reason: string, clock: RuleClock, vendorMessage?: string) =>
  notificationOf(type, context, { reason, vendorMessage, httpStatus: made.response?.status }, clock.now);

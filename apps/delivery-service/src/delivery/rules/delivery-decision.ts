import type { DeadLetterRecordV1, DeliveryAttemptRecordV1, DeliveryStatus, NotificationRecordV1 } from '@hookbus/contracts';

/** Every record a decision writes: always the attempt's log record; a dead letter when another attempt follows; an e-mail when it ended badly. */
export interface DecisionRecords {
  readonly log: DeliveryAttemptRecordV1;
  readonly deadLetter?: DeadLetterRecordV1;
  readonly notification?: NotificationRecordV1;
}

/** What an attempt (or its absence) means for its delivery, and the records that say so. */
export interface DeliveryDecision {
  readonly status: DeliveryStatus;
  /** When the next attempt is due, if one follows. */
  readonly dueAt?: string;
  readonly records: DecisionRecords;
  /** The W3C `traceparent` of the attempt's span, while tracing: what follows from it links back. */
  readonly traceparent?: string;
}

export function decisionOf(log: DeliveryAttemptRecordV1, follows: Omit<DecisionRecords, 'log'> = {}): DeliveryDecision {
  const dueAt = follows.deadLetter?.dueAt;
  return { status: log.outcome, ...(dueAt === undefined ? {} : { dueAt }), records: { log, ...follows } };
}

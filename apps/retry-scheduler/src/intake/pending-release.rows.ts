import type { Platform } from '@mikro-orm/core';
import type { DeadLetterRecordV1, RetryRecordV1 } from '@hookbus/contracts';
import { type BatchInfo, firstRunAt } from '../release/pacing';
import { releaseId } from '../store/release-id';
import type { HeldRelease } from './release-conflict';

/**
 * The retry record a dead letter becomes once due. It keeps the deferral count, so that if
 * delivery-service puts the attempt off again, its next dead letter counts on from it, and the
 * failed attempt's trace context, so that the retry's spans link to that attempt.
 */
export const retryRecordOf = (record: DeadLetterRecordV1): RetryRecordV1 => ({
  deliveryId: record.deliveryId,
  eventId: record.eventId,
  subscriptionId: record.subscriptionId,
  tenantId: record.tenantId,
  ...(record.plugin === undefined ? {} : { plugin: record.plugin }),
  ...(record.hook === undefined ? {} : { hook: record.hook }),
  attempt: record.attempt,
  ...(record.deferrals === undefined ? {} : { deferrals: record.deferrals }),
  event: record.event,
  manual: false,
  ...(record.traceparent === undefined ? {} : { traceparent: record.traceparent }),
});

/**
 * The rows a dead letter becomes, as the store writes them with plain SQL, column for column (see
 * the 0001 migration). Values are encoded the way MikroORM encodes them on the same database (a
 * `datetime` is epoch milliseconds on SQLite, a `json` column holds JSON text), so the entities
 * the release loop reads see them as if MikroORM had written them.
 */
export class PendingReleaseRows {
  constructor(private readonly platform: Platform) {}

  /** A new, unclaimed pending row; the claim columns start null by default. */
  pending(record: DeadLetterRecordV1, now: Date) {
    return {
      id: releaseId(record.deliveryId, record.attempt, record.deferrals),
      delivery_id: record.deliveryId,
      subscription_id: record.subscriptionId,
      tenant_id: record.tenantId,
      attempt: record.attempt,
      due_at: this.datetime(new Date(record.dueAt)),
      paced: record.batch !== undefined,
      // JSON text on both databases.
      record: this.platform.convertJsonToDatabaseValue(retryRecordOf(record)) as string,
      created_at: this.datetime(now),
    };
  }

  /** The schedule of a paced record's subscription, as it is if the subscription is new. */
  schedule(subscriptionId: string, batch: BatchInfo, now: Date) {
    return {
      subscription_id: subscriptionId,
      frequency_minutes: batch.frequencyMinutes,
      batch_size: batch.batchSize,
      next_run_at: this.datetime(firstRunAt(now)),
      updated_at: this.datetime(now),
    };
  }

  /** A row already stored, selected by {@link HELD_COLUMNS}. */
  held(row: StoredHeldRow): HeldRelease {
    return { recordJson: row.record_json };
  }

  private datetime(value: Date) {
    return this.platform.processDateProperty(value);
  }
}

export type PendingRow = ReturnType<PendingReleaseRows['pending']>;
export type ScheduleRow = ReturnType<PendingReleaseRows['schedule']>;

/** What a stored row is compared by; `record` as text, since pg would parse a `json` column (PostgreSQL returns its text verbatim). */
export const HELD_COLUMNS = 'id, cast(record as text) as record_json';

/** A row selected by {@link HELD_COLUMNS}, as the drivers return it. */
export interface StoredHeldRow {
  id: string;
  record_json: string;
}

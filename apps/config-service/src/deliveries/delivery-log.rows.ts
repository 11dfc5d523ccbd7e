import type { Platform } from '@mikro-orm/core';
import type { DeliveryAttemptRecordV1 } from '@hookbus/contracts';
import { truncateUtf8 } from './attempt-record';
import type { AttemptFacts, DeliverySummary } from './delivery-summary';

/**
 * The delivery log's rows as the writer stores them with plain SQL, column for column (see the
 * 0003, 0004, 0007 and 0009 migrations). Values are encoded the way MikroORM encodes them on the same
 * database (a `datetime` is epoch milliseconds on SQLite, a `json` column holds JSON text), so the
 * entities read them back as if MikroORM had written them.
 */
export class DeliveryLogRows {
  constructor(private readonly platform: Platform) {}

  /** Absent optional fields are written as null, so a replaced attempt loses what it no longer says. */
  attempt(record: DeliveryAttemptRecordV1) {
    return {
      delivery_id: record.deliveryId,
      n: record.attempt,
      at: this.datetime(new Date(record.at)),
      request: this.json(record.request),
      response: record.response ? this.json({ status: record.response.status, body: truncateUtf8(record.response.body) }) : null,
      duration_ms: record.durationMs,
      error: record.error ?? null,
      outcome: record.outcome,
      vendor_message: record.vendorMessage ?? null,
      due_at: record.dueAt ? this.datetime(new Date(record.dueAt)) : null,
      deferrals: record.deferrals ?? null,
      endpoint: this.json(record.endpoint),
    };
  }

  /** What the delivery row needs from a stored attempt row (selected by {@link ATTEMPT_FACT_COLUMNS}). */
  attemptFacts(row: StoredAttemptFacts): AttemptFacts {
    return {
      n: row.n,
      at: this.platform.parseDate(row.at),
      outcome: row.outcome,
      vendorMessage: row.vendor_message,
      dueAt: row.due_at === null ? null : this.platform.parseDate(row.due_at),
    };
  }

  /**
   * The delivery row for its records in this group: identity from the first, `subject` from the
   * first that has one, `event` from the last that has one, the state from all its attempts.
   */
  delivery(records: readonly DeliveryAttemptRecordV1[], summary: DeliverySummary, now: Date) {
    const [first] = records;
    return {
      id: first.deliveryId,
      tenant_id: first.tenantId,
      event_id: first.eventId,
      subscription_id: first.subscriptionId,
      subject: records.find(({ subject }) => subject)?.subject ?? null,
      plugin: first.plugin,
      hook: first.hook,
      status: summary.status,
      vendor_message: summary.vendorMessage ?? null,
      attempt_count: summary.attemptCount,
      event: this.json(records.findLast(({ event }) => event)?.event),
      finished_at: summary.finishedAt && this.datetime(summary.finishedAt),
      due_at: summary.dueAt && this.datetime(summary.dueAt),
      created_at: this.datetime(summary.createdAt),
      updated_at: this.datetime(now),
    };
  }

  private datetime(value: Date) {
    return this.platform.processDateProperty(value);
  }

  private json(value: unknown) {
    return value == null ? null : this.platform.convertJsonToDatabaseValue(value);
  }
}

export const ATTEMPT_FACT_COLUMNS = ['delivery_id', 'n', 'at', 'outcome', 'vendor_message', 'due_at'];

export interface StoredAttemptFacts {
  delivery_id: string;
  n: number;
  at: string | number;
  outcome: AttemptFacts['outcome'];
  vendor_message: string | null;
  due_at: string | number | null;
}

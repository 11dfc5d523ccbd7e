import { EntityManager } from '@mikro-orm/core';
import type { Knex, EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { Inject, Injectable } from '@nestjs/common';
import type { DeadLetterRecordV1 } from '@hookbus/contracts';
import { Coalescer } from '@hookbus/kafka';
import { type Statement, upsertStatement } from '@hookbus/persistence';
import { PendingReleaseRows, type PendingRow, type ScheduleRow } from './pending-release.rows';

/** Records per transaction at most; a group of this size writes in a few milliseconds. */
export const MAX_GROUP = 200;
/**
 * How long a group short of MAX_GROUP waits for more records. A commit (an fsync on SQLite) costs
 * as much as dozens of rows, so at a steady 80 paced records a second a quarter second's wait turns
 * 160 commits a second into 4 (at 50 ms, 20 commits still took a third of the service's time); a
 * dead letter waits out a backoff of a second or more anyway.
 */
const LINGER_MS = 250;

/** The latest batch settings win; an existing nextRunAt is kept (a run already taken stands). */
const SCHEDULE_UPDATE = {
  frequency_minutes: 'excluded.frequency_minutes',
  batch_size: 'excluded.batch_size',
  updated_at: 'excluded.updated_at',
};

interface Submitted {
  readonly record: DeadLetterRecordV1;
  readonly now: Date;
}

/**
 * Stores dead letters durably before their offset is committed. Idempotent: the row id is the
 * release id (see `releaseId`) and an existing row (pending or a released tombstone) is left as is.
 * Records consumed concurrently or within LINGER_MS are stored together, one transaction and two
 * statements per group (see Coalescer), instead of two commits each.
 */
@Injectable()
export class PendingReleaseStore {
  private readonly groups = new Coalescer<Submitted>((items) => this.write(items), { maxItems: MAX_GROUP, lingerMs: LINGER_MS });
  private readonly rows: PendingReleaseRows;

  constructor(@Inject(EntityManager) private readonly em: EntityManager) {
    this.rows = new PendingReleaseRows(em.getPlatform());
  }

  /** Resolves once the record is committed. */
  store(record: DeadLetterRecordV1, now = new Date()): Promise<void> {
    return this.groups.submit({ record, now });
  }

  private async write(items: readonly Submitted[]): Promise<void> {
    const pending = new Map<string, PendingRow>();
    const schedules = new Map<string, ScheduleRow>();
    for (const { record, now } of items) {
      const row = this.rows.pending(record, now);
      // A redelivery within the group: the first stands, as it would have one by one.
      if (!pending.has(row.id)) pending.set(row.id, row);
      if (record.batch) {
        // One row per subscription (PostgreSQL refuses to upsert a key twice in one statement):
        // the last settings, but the next run of the first, as one by one.
        const latest = this.rows.schedule(record.subscriptionId, record.batch, now);
        const first = schedules.get(record.subscriptionId);
        schedules.set(record.subscriptionId, first ? { ...latest, next_run_at: first.next_run_at } : latest);
      }
    }
    // Plain SQL on the ORM's connection: building and compiling two queries per record cost far
    // more CPU than SQLite's inserts. On SQLite the transaction holds the pool's only connection,
    // so the release loop's statements wait for the commit rather than interleave with it.
    // Rows in key order: two instances upserting overlapping groups on PostgreSQL lock in the same
    // order and cannot deadlock.
    await (this.em as SqlEntityManager).getConnection().transactional(async (trx) => {
      await run(trx, upsertStatement('pending_releases', inKeyOrder(pending), ['id'], {}));
      if (schedules.size > 0) await run(trx, upsertStatement('release_schedules', inKeyOrder(schedules), ['subscription_id'], SCHEDULE_UPDATE));
    });
  }
}

const inKeyOrder = <Row>(rows: Map<string, Row>): Row[] => [...rows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);

const run = (trx: Knex, { sql, bindings }: Statement) => trx.raw(sql, bindings as Knex.RawBinding[]);

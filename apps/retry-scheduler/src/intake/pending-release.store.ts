import { EntityManager } from '@mikro-orm/core';
import type { Knex, EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { DeadLetterRecordV1 } from '@hookbus/contracts';
import { Coalescer } from '@hookbus/kafka';
import { changedRows, placeholders, selectRows, type Statement, upsertStatement } from '@hookbus/persistence';
import { releaseConflictsTotal } from './intake.metrics';
import { HELD_COLUMNS, PendingReleaseRows, type PendingRow, type ScheduleRow, type StoredHeldRow } from './pending-release.rows';
import { conflictOf, type HeldRelease, ReleaseConflictError } from './release-conflict';

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
  /** Set once its group committed, if another dead letter holds its release id. */
  conflict?: ReleaseConflictError;
}

/**
 * Stores dead letters durably before their offset is committed. Idempotent: the row id is the
 * release id (see `releaseId`) and an existing row (pending or a released tombstone) is left as is.
 * Records consumed concurrently or within LINGER_MS are stored together, one transaction and two
 * statements per group (see Coalescer), instead of two commits each; a group in which some record
 * added no row (a redelivery) reads its rows back in a third.
 *
 * Invariant: a dead letter is dropped only as a redelivery of the one held under its id. A
 * different one would leave its delivery `retrying` with no release behind it, so `store` rejects
 * it with a ReleaseConflictError, which the consumer quarantines (see `conflictOf`).
 */
@Injectable()
export class PendingReleaseStore {
  private readonly logger = new Logger(PendingReleaseStore.name);
  private readonly groups = new Coalescer<Submitted>((items) => this.write(items), { maxItems: MAX_GROUP, lingerMs: LINGER_MS });
  private readonly rows: PendingReleaseRows;

  constructor(@Inject(EntityManager) private readonly em: EntityManager) {
    this.rows = new PendingReleaseRows(em.getPlatform());
  }

  /** Resolves once the record is committed, or was already; rejects a conflicting one. */
  async store(record: DeadLetterRecordV1, now = new Date()): Promise<void> {
    const submitted: Submitted = { record, now };
    await this.groups.submit(submitted);
    if (submitted.conflict) {
      releaseConflictsTotal.inc();
      this.logger.error({ message: 'dead letter refused: its release id holds another', deliveryId: record.deliveryId, reason: submitted.conflict.message });
      throw submitted.conflict;
    }
  }

  private async write(items: readonly Submitted[]): Promise<void> {
    const offered = items.map(({ record, now }) => this.rows.pending(record, now));
    const pending = new Map<string, PendingRow>();
    const schedules = new Map<string, ScheduleRow>();
    for (const [index, { record, now }] of items.entries()) {
      const row = offered[index];
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
    const held = await (this.em as SqlEntityManager).getConnection().transactional(async (trx) => {
      const { sql, bindings } = upsertStatement('pending_releases', inKeyOrder(pending), ['id'], {});
      const added = await changedRows(trx, sql, bindings);
      if (schedules.size > 0) await run(trx, upsertStatement('release_schedules', inKeyOrder(schedules), ['subscription_id'], SCHEDULE_UPDATE));
      // Usually each record added its row. Otherwise (a redelivery, or a conflict) every record is
      // held to the row under its id: another one stored before, or the first of its group.
      return added === items.length ? new Map<string, HeldRelease>() : this.rowsUnder(trx, [...pending.keys()]);
    });
    for (const [index, item] of items.entries()) {
      const { id, record } = offered[index];
      const stored = held.get(id);
      const detail = stored && conflictOf(stored, { recordJson: record });
      if (detail) item.conflict = new ReleaseConflictError(id, detail);
    }
  }

  private async rowsUnder(trx: Knex, ids: readonly string[]): Promise<Map<string, HeldRelease>> {
    // A group holds at most MAX_GROUP ids: one statement binds them all.
    const rows = await selectRows<StoredHeldRow>(trx, `select ${HELD_COLUMNS} from pending_releases where id in (${placeholders(ids.length)})`, ids);
    return new Map(rows.map((row) => [row.id, this.rows.held(row)]));
  }
}

const inKeyOrder = <Row>(rows: Map<string, Row>): Row[] => [...rows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);

const run = (trx: Knex, { sql, bindings }: Statement) => trx.raw(sql, bindings as Knex.RawBinding[]);

import type { EntityManager } from '@mikro-orm/core';
import type { Knex, EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { changedRows } from '@hookbus/persistence';

/**
 * An idle schedule: no dead letter of its subscription stored since the cutoff (each one bumps
 * `updated_at`), its next run long possible (`next_run_at` before the cutoff) and none of its
 * records still held. Such a row carries no pacing state: a dead letter arriving later writes the
 * row again with its batch settings and a run possible at once, which is what this row says too.
 * A deleted subscription gets no more dead letters, so its row goes once its last held record was
 * released. Binds the cutoff twice.
 */
const IDLE =
  `updated_at < ? and next_run_at < ?` +
  ` and not exists (select 1 from pending_releases p where p.subscription_id = release_schedules.subscription_id and p.released_at is null)`;

/**
 * One batch of retry-scheduler's retention of schedule rows: at most `limit` idle ones, in one plain
 * statement (the same on SQLite and PostgreSQL). The outer condition is checked again on each row:
 * on PostgreSQL a dead letter stored meanwhile bumps its schedule's `updated_at`, and the row stays.
 */
export class SchedulePruning {
  constructor(private readonly em: EntityManager) {}

  readonly pruneBatch = async (before: Date, limit: number): Promise<number> => {
    const cutoff = this.em.getPlatform().processDateProperty(before);
    return changedRows(
      this.knex(),
      `delete from release_schedules where ${IDLE} and subscription_id in` +
        ` (select subscription_id from release_schedules where ${IDLE} order by updated_at limit ?)`,
      [cutoff, cutoff, cutoff, cutoff, limit],
    );
  };

  private knex(): Knex {
    return (this.em as SqlEntityManager).getConnection().getKnex();
  }
}

import type { EntityManager } from '@mikro-orm/core';
import type { Knex, EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { changedRows } from '@hookbus/persistence';

/**
 * One batch of the tombstones' retention: at most `limit` rows released before the cutoff, oldest
 * first, in one plain statement (the same on SQLite and PostgreSQL) on the index that leads with
 * `released_at`. A held row (never released) is never touched.
 */
export class TombstonePruning {
  constructor(private readonly em: EntityManager) {}

  readonly pruneBatch = async (before: Date, limit: number): Promise<number> => {
    const cutoff = this.em.getPlatform().processDateProperty(before);
    return changedRows(
      this.knex(),
      `delete from pending_releases where id in` +
        ` (select id from pending_releases where released_at is not null and released_at < ? order by released_at limit ?)`,
      [cutoff, limit],
    );
  };

  private knex(): Knex {
    return (this.em as SqlEntityManager).getConnection().getKnex();
  }
}

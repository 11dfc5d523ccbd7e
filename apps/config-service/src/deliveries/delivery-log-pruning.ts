import type { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { changedRows, placeholders, selectRows } from '@hookbus/persistence';

/**
 * Prunable: no activity since the cutoff (`updated_at`, bumped by every record the writer stores)
 * and no attempt still to come. A `pending` or `retrying` delivery stays whatever its age, also one
 * whose retry was lost: recover must still find it. Binds the cutoff once.
 */
const PRUNABLE = `updated_at < ? and status not in ('pending', 'retrying')`;

/**
 * One batch of the delivery log's retention: deletes at most `limit` deliveries idle since `before`,
 * and their attempts, in one short transaction (plain statements, the same on SQLite and PostgreSQL).
 * Deliveries are deleted under the rule again and attempts only of deliveries that are gone, so a
 * record the writer commits meanwhile (PostgreSQL runs both at once) keeps its delivery and all its
 * attempts; one that comes after the prune starts the delivery anew, as its first record would.
 */
export class DeliveryLogPruning {
  constructor(private readonly em: EntityManager) {}

  readonly pruneBatch = async (before: Date, limit: number): Promise<number> => {
    const cutoff = this.em.getPlatform().processDateProperty(before);
    return (this.em as SqlEntityManager).getConnection().transactional(async (trx) => {
      const candidates = await selectRows<{ id: string }>(trx, `select id from deliveries where ${PRUNABLE} order by updated_at limit ?`, [cutoff, limit]);
      if (candidates.length === 0) return 0;
      const ids = candidates.map((row) => row.id);
      const deleted = await changedRows(trx, `delete from deliveries where id in (${placeholders(ids.length)}) and ${PRUNABLE}`, [...ids, cutoff]);
      await changedRows(
        trx,
        `delete from delivery_attempts where delivery_id in (${placeholders(ids.length)})` +
          ` and not exists (select 1 from deliveries where deliveries.id = delivery_attempts.delivery_id)`,
        ids,
      );
      return deleted;
    });
  };
}

import { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { Inject, Injectable } from '@nestjs/common';
import type { DeadLetterRecordV1, RetryRecordV1 } from '@hookbus/contracts';
import { firstRunAt } from '../release/pacing';
import { PendingRelease } from '../store/pending-release.entity';
import { releaseId } from '../store/release-id';
import { ReleaseSchedule } from '../store/release-schedule.entity';

/** The retry record a dead letter becomes once due. */
export const retryRecordOf = (record: DeadLetterRecordV1): RetryRecordV1 => ({
  deliveryId: record.deliveryId,
  eventId: record.eventId,
  subscriptionId: record.subscriptionId,
  tenantId: record.tenantId,
  attempt: record.attempt,
  event: record.event,
  manual: false,
});

/**
 * Stores dead letters durably before their offset is committed. Idempotent: the row id is
 * `${deliveryId}:${attempt}` and an existing row (pending or a released tombstone) is left as is.
 */
@Injectable()
export class PendingReleaseStore {
  constructor(@Inject(EntityManager) private readonly em: EntityManager) {}

  async store(record: DeadLetterRecordV1, now = new Date()): Promise<void> {
    // Called from a Kafka handler, outside any request: a fork of our own. Both drivers (libsql,
    // postgresql) are knex-based, so the query builder has ON CONFLICT. No transaction: each
    // statement is idempotent and a crash between them is repaired by the redelivery (the offset
    // commits only after both), and SQLite's one connection must not interleave transactions.
    const em = this.em.fork() as SqlEntityManager;
    await em
      .createQueryBuilder(PendingRelease)
      .insert({
        id: releaseId(record.deliveryId, record.attempt),
        deliveryId: record.deliveryId,
        subscriptionId: record.subscriptionId,
        tenantId: record.tenantId,
        attempt: record.attempt,
        dueAt: new Date(record.dueAt),
        paced: record.batch !== undefined,
        record: retryRecordOf(record),
        createdAt: now,
      })
      .onConflict('id')
      .ignore()
      .execute();
    if (record.batch) {
      // The latest batch settings win; an existing nextRunAt is kept (a run already taken stands).
      await em
        .createQueryBuilder(ReleaseSchedule)
        .insert({ subscriptionId: record.subscriptionId, ...record.batch, nextRunAt: firstRunAt(now), updatedAt: now })
        .onConflict('subscriptionId')
        .merge(['frequencyMinutes', 'batchSize', 'updatedAt'])
        .execute();
    }
  }
}

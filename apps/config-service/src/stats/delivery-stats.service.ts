import { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import type { Statement } from '@hookbus/persistence';
import { Subscription } from '../subscriptions/subscription.entity';
import { notFound } from '../tenants/tenants.service';
import { type DeliveryBucket, fillBuckets } from './delivery-buckets';
import { failingSubscriptionsStatement, type SqlDialect, statusCountsStatement } from './delivery-stats.statements';
import type { DeliveryStatsQuery, FailingSubscriptionsQuery } from './stats.schemas';
import { bucketStarts } from './stats-window';

export interface FailingSubscription {
  readonly subscriptionId: string;
  readonly plugin: string;
  readonly hook: string;
  readonly failed: number;
  readonly total: number;
}

/**
 * Aggregates of one tenant's delivery log, computed by the database (one GROUP BY each) from the
 * tenant-leading indexes, never by loading deliveries.
 */
@Injectable()
export class DeliveryStatsService {
  private readonly dialect: SqlDialect;

  constructor(@Inject(EntityManager) private readonly em: EntityManager) {
    this.dialect = em.getPlatform() instanceof PostgreSqlPlatform ? 'postgresql' : 'sqlite';
  }

  /** Every bucket of the window, oldest first, zero-filled. */
  async deliveries(tenantId: string, { window, bucket, subscriptionId }: DeliveryStatsQuery): Promise<{ buckets: DeliveryBucket[] }> {
    // Another tenant's subscription does not exist for this one; a deleted one of its own keeps its history.
    if (subscriptionId && (await this.em.count(Subscription, { id: subscriptionId, tenantId })) === 0) {
      throw notFound(`Subscription ${subscriptionId}`);
    }
    const rows = await this.run<{ bucket_start: string; status: string; deliveries: number | string }>(
      statusCountsStatement(this.dialect, this.encodeDate, { tenantId, window, bucket, subscriptionId }),
    );
    const counts = rows.map((row) => ({ start: Date.parse(row.bucket_start), status: row.status, count: Number(row.deliveries) }));
    return { buckets: fillBuckets(bucketStarts(window, bucket), counts) };
  }

  /** The subscriptions with the most failed or abandoned deliveries in the window, most first. */
  async failingSubscriptions(tenantId: string, { window, limit }: FailingSubscriptionsQuery): Promise<{ items: FailingSubscription[] }> {
    const rows = await this.run<{ subscription_id: string; plugin: string; hook: string; failed: number | string; total: number | string }>(
      failingSubscriptionsStatement(this.encodeDate, { tenantId, window, limit }),
    );
    return {
      items: rows.map((row) => ({
        subscriptionId: row.subscription_id,
        plugin: row.plugin,
        hook: row.hook,
        // PostgreSQL's count and sum are bigint, which the driver hands over as text.
        failed: Number(row.failed),
        total: Number(row.total),
      })),
    };
  }

  // Bound the way MikroORM stores a datetime on this database (epoch milliseconds on SQLite).
  private readonly encodeDate = (date: Date): unknown => this.em.getPlatform().processDateProperty(date);

  private run<Row>({ sql, bindings }: Statement): Promise<Row[]> {
    return (this.em as SqlEntityManager).getConnection().execute<Row[]>(sql, bindings, 'all');
  }
}

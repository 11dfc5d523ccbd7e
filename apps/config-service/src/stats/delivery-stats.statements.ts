import type { Statement } from '@hookbus/persistence';
import type { Bucket, TimeWindow } from './stats-window';

export type SqlDialect = 'sqlite' | 'postgresql';

/** Statuses a subscription is failing with: the delivery ended without getting through. */
export const FAILED_STATUSES = ['failed', 'abandoned'] as const;

/**
 * A delivery's bucket as ISO text (`2025-06-01T13:00:00Z`), the same on both databases. MikroORM
 * stores a `datetime` as epoch milliseconds on SQLite (an integer: `/ 1000` is whole seconds for
 * `unixepoch`) and as `timestamptz` on PostgreSQL (truncated in UTC, not the session's zone).
 */
const BUCKET_START: Readonly<Record<SqlDialect, Record<Bucket, string>>> = {
  sqlite: {
    hour: `strftime('%Y-%m-%dT%H:00:00Z', created_at / 1000, 'unixepoch')`,
    day: `strftime('%Y-%m-%dT00:00:00Z', created_at / 1000, 'unixepoch')`,
  },
  postgresql: {
    hour: `to_char(date_trunc('hour', created_at at time zone 'UTC'), 'YYYY-MM-DD"T"HH24:00:00"Z"')`,
    day: `to_char(date_trunc('day', created_at at time zone 'UTC'), 'YYYY-MM-DD"T00:00:00Z"')`,
  },
};

/** The window's bounds as bound values: the database's own encoding of a datetime. */
export type EncodeDate = (date: Date) => unknown;

/**
 * Deliveries of a tenant created in the window, counted per bucket and current status, in one
 * GROUP BY. The filter is the tenant and a `created_at` range, the prefix of
 * `deliveries_tenant_created_idx` (or, for one subscription, of `deliveries_tenant_subscription_idx`):
 * bucketing happens on the selected rows only, never in the WHERE clause, so the index stays usable.
 */
export function statusCountsStatement(
  dialect: SqlDialect,
  encode: EncodeDate,
  filter: { tenantId: string; window: TimeWindow; bucket: Bucket; subscriptionId?: string },
): Statement {
  const { tenantId, window, bucket, subscriptionId } = filter;
  return {
    sql:
      `select ${BUCKET_START[dialect][bucket]} as bucket_start, status, count(*) as deliveries from deliveries` +
      ` where tenant_id = ? and created_at >= ? and created_at < ?${subscriptionId ? ' and subscription_id = ?' : ''}` +
      ' group by bucket_start, status',
    bindings: [tenantId, encode(window.since), encode(window.until), ...(subscriptionId ? [subscriptionId] : [])],
  };
}

/**
 * A tenant's subscriptions with the most deliveries created in the window that ended failed or
 * abandoned, most first (then most deliveries, then by id), at most `limit`, in one GROUP BY.
 */
export function failingSubscriptionsStatement(encode: EncodeDate, filter: { tenantId: string; window: TimeWindow; limit: number }): Statement {
  const { tenantId, window, limit } = filter;
  const failed = `sum(case when status in (${FAILED_STATUSES.map(() => '?').join(', ')}) then 1 else 0 end)`;
  return {
    sql:
      `select subscription_id, max(plugin) as plugin, max(hook) as hook, ${failed} as failed, count(*) as total from deliveries` +
      ' where tenant_id = ? and created_at >= ? and created_at < ?' +
      ` group by subscription_id having ${failed} > 0` +
      ' order by failed desc, total desc, subscription_id limit ?',
    bindings: [...FAILED_STATUSES, tenantId, encode(window.since), encode(window.until), ...FAILED_STATUSES, limit],
  };
}

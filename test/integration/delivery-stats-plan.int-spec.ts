import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { type OpenDatabase, openDatabase, type Statement } from '@hookbus/persistence';
import { testDatabases } from '@hookbus/testing';
// The stats queries must stay on the tenant-leading indexes of the delivery log: checked with each
// database's EXPLAIN on a seeded table. Apps publish no import path, so this spec reaches into its sources.
/* eslint-disable @nx/enforce-module-boundaries */
import { DELIVERY_LOG_ENTITIES, DELIVERY_LOG_MIGRATIONS } from '../../apps/config-service/src/deliveries/deliveries.module-parts';
import { failingSubscriptionsStatement, statusCountsStatement } from '../../apps/config-service/src/stats/delivery-stats.statements';
/* eslint-enable @nx/enforce-module-boundaries */

const DAY_MS = 86_400_000;
const NOW = Date.UTC(2025, 5, 30, 12);
const TENANTS = 20;
const ROWS = 40_000;
const STATUSES = ['delivered', 'delivered', 'delivered', 'failed', 'abandoned', 'retrying', 'pending'];

describe.each(testDatabases())('delivery stats query plans on $label', (database) => {
  let db: OpenDatabase;
  const connection = () => (db.orm.em as SqlEntityManager).getConnection();
  const encode = (date: Date) => db.orm.em.getPlatform().processDateProperty(date);

  beforeAll(async () => {
    await database.create();
    db = await openDatabase({ url: database.url, entities: DELIVERY_LOG_ENTITIES, migrations: DELIVERY_LOG_MIGRATIONS, name: 'stats-plan' });
    // 60 days of 20 tenants' deliveries, so a day of one tenant is a small part of the table.
    const rows = Array.from({ length: ROWS }, (_, i) => ({
      id: `dlv_${i}`,
      tenant_id: `tnt_${i % TENANTS}`,
      event_id: `evt_${i}`,
      subscription_id: `sub_${i % 200}`,
      subject: `order-${i}`,
      plugin: 'komet',
      hook: 'order-confirmation',
      status: STATUSES[i % STATUSES.length],
      attempt_count: 1,
      created_at: encode(new Date(NOW - Math.floor((i * 60 * DAY_MS) / ROWS))),
      updated_at: encode(new Date(NOW)),
    }));
    const knex = connection().getKnex();
    for (let from = 0; from < rows.length; from += 500) await knex('deliveries').insert(rows.slice(from, from + 500));
    if (database.label === 'postgresql') await connection().execute('analyze deliveries');
  });

  afterAll(async () => {
    await db?.close();
    await database.drop();
  });

  const dialect = database.label;
  const lastDay = { since: new Date(NOW - DAY_MS), until: new Date(NOW) };

  /** The plan as text, one line per node. */
  async function plan({ sql, bindings }: Statement): Promise<string> {
    const text = await explain(sql, bindings);
    if (process.env.SHOW_PLANS) console.log(`${dialect}:\n${text}`);
    return text;
  }

  async function explain(sql: string, bindings: unknown[]): Promise<string> {
    if (dialect === 'sqlite') {
      const rows = await connection().execute<{ detail: string }[]>(`explain query plan ${sql}`, bindings, 'all');
      return rows.map(({ detail }) => detail).join('\n');
    }
    const rows = await connection().execute<Record<string, string>[]>(`explain ${sql}`, bindings, 'all');
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  }

  /** A range on created_at within one tenant's part of a tenant-leading index, never a scan of the table. */
  function expectTenantCreatedRange(text: string, index: RegExp): void {
    if (dialect === 'sqlite') {
      expect(text).toMatch(new RegExp(`SEARCH deliveries USING (COVERING )?INDEX ${index.source} \\(tenant_id=\\?.* AND created_at>\\? AND created_at<\\?\\)`));
    } else {
      expect(text).not.toMatch(/Seq Scan/);
      expect(text).toMatch(new RegExp(`Index (Only )?Scan (using|on) ${index.source}`));
      expect(text).toMatch(/Index Cond: .*tenant_id.*created_at >= .*created_at < /);
    }
  }

  it('counts a tenant’s window by bucket and status on the (tenant, created) index', async () => {
    for (const bucket of ['hour', 'day'] as const) {
      const text = await plan(statusCountsStatement(dialect, encode, { tenantId: 'tnt_3', window: lastDay, bucket }));
      // PostgreSQL may prefer the covering (tenant, status, created) index while a tenant's history is short.
      expectTenantCreatedRange(text, dialect === 'sqlite' ? /deliveries_tenant_created_idx/ : /deliveries_tenant_(created|status)_idx/);
    }
  });

  it('counts one subscription on the (tenant, subscription, created) index', async () => {
    const text = await plan(statusCountsStatement(dialect, encode, { tenantId: 'tnt_3', window: lastDay, bucket: 'hour', subscriptionId: 'sub_3' }));
    expectTenantCreatedRange(text, /deliveries_tenant_subscription_idx/);
  });

  it('ranks failing subscriptions from the (tenant, created) index', async () => {
    const text = await plan(failingSubscriptionsStatement(encode, { tenantId: 'tnt_3', window: lastDay, limit: 5 }));
    expectTenantCreatedRange(text, dialect === 'sqlite' ? /deliveries_tenant_created_idx/ : /deliveries_tenant_(created|status)_idx/);
  });

  it('buckets in UTC and counts only the window, on the stored rows', async () => {
    const window = { since: new Date(NOW - 2 * 3_600_000), until: new Date(NOW) };
    const { sql, bindings } = statusCountsStatement(dialect, encode, { tenantId: 'tnt_0', window, bucket: 'hour' });
    const rows = await connection().execute<{ bucket_start: string; deliveries: number | string }[]>(sql, bindings, 'all');
    const total = (start: string) => rows.filter((row) => row.bucket_start === start).reduce((sum, row) => sum + Number(row.deliveries), 0);

    expect([...new Set(rows.map((row) => row.bucket_start))].sort()).toEqual(['2025-06-30T10:00:00Z', '2025-06-30T11:00:00Z']);
    // tnt_0's seeded deliveries in [since, until): the one created at NOW itself is left out.
    const seeded = Array.from({ length: ROWS / TENANTS }, (_, n) => NOW - Math.floor((n * TENANTS * 60 * DAY_MS) / ROWS));
    const inWindow = (from: number, to: number) => seeded.filter((time) => time >= from && time < to).length;
    expect(total('2025-06-30T10:00:00Z')).toBe(inWindow(NOW - 2 * 3_600_000, NOW - 3_600_000));
    expect(total('2025-06-30T11:00:00Z')).toBe(inWindow(NOW - 3_600_000, NOW));
  });
});

import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { type OpenDatabase, openDatabase } from '@hookbus/persistence';
import { testDatabases } from '@hookbus/testing';
// Every filter of `GET /v1/deliveries` and the detail must read one index in list order, never the
// table nor a sort of the tenant's rows: checked with each database's EXPLAIN of the SQL the service
// itself issues, on a seeded log. Apps publish no import path, so this spec reaches into its sources.
/* eslint-disable @nx/enforce-module-boundaries */
import { DeliveriesService } from '../../apps/config-service/src/deliveries/deliveries.service';
import type { ListDeliveriesQuery } from '../../apps/config-service/src/deliveries/deliveries.schemas';
import { DELIVERY_LOG_ENTITIES, DELIVERY_LOG_MIGRATIONS } from '../../apps/config-service/src/deliveries/deliveries.module-parts';
/* eslint-enable @nx/enforce-module-boundaries */

const NOW = Date.UTC(2025, 5, 30, 12);
const HOUR_MS = 3_600_000;
const TENANTS = 10;
const ROWS = 30_000;
const STATUSES = ['delivered', 'delivered', 'delivered', 'delivered', 'failed', 'abandoned', 'retrying', 'pending'];
const TENANT = 'tnt_3';
// Inside WINDOW, so a later page of the window starts from it.
const CURSOR = { createdAt: new Date(NOW - 36 * HOUR_MS), id: 'dlv_1503' };
const WINDOW = { since: new Date(NOW - 48 * HOUR_MS), until: new Date(NOW - 24 * HOUR_MS) };

/**
 * Each filter the console combines, the index that must serve it in list order on SQLite, and the
 * indexes PostgreSQL may take (it reads a few hundred matches through a bitmap and sorts them
 * rather than walk an index backwards; either way the index bounds what is read).
 */
const FILTERS: [string, Partial<ListDeliveriesQuery>, string, RegExp][] = [
  ['no filter', {}, 'deliveries_tenant_created_idx', /deliveries_tenant_created_idx/],
  ['subscriptionId', { subscriptionId: 'sub_13' }, 'deliveries_tenant_subscription_idx', /deliveries_tenant_subscription(_status)?_idx/],
  ['status', { status: 'failed' }, 'deliveries_tenant_status_idx', /deliveries_tenant_status_idx/],
  ['subscriptionId and status', { subscriptionId: 'sub_13', status: 'failed' }, 'deliveries_tenant_subscription_status_idx', /deliveries_tenant_subscription_status_idx/],
  ['subject', { subject: 'order-13' }, 'deliveries_tenant_subject_idx', /deliveries_tenant_subject_idx/],
  ['eventId', { eventId: 'evt_1501' }, 'deliveries_tenant_event_idx', /deliveries_tenant_event_idx/],
  ['a window', WINDOW, 'deliveries_tenant_created_idx', /deliveries_tenant_created_idx/],
  ['status in a window', { status: 'failed', ...WINDOW }, 'deliveries_tenant_status_idx', /deliveries_tenant_status_idx/],
  ['subscriptionId in a window', { subscriptionId: 'sub_13', ...WINDOW }, 'deliveries_tenant_subscription_idx', /deliveries_tenant_subscription(_status)?_idx/],
];

/** The columns a filter constrains: each must be a condition of the index scan, not a filter of what it read. */
const COLUMNS: Record<string, string> = { subscriptionId: 'subscription_id', status: 'status', subject: 'subject', eventId: 'event_id', since: 'created_at', until: 'created_at' };

describe.each(testDatabases())('delivery list query plans on $label', (database) => {
  let db: OpenDatabase;
  const statements: string[] = [];
  const connection = () => (db.orm.em as SqlEntityManager).getConnection();
  const dialect = database.label;

  beforeAll(async () => {
    await database.create();
    db = await openDatabase({ url: database.url, entities: DELIVERY_LOG_ENTITIES, migrations: DELIVERY_LOG_MIGRATIONS, name: 'list-plan' });
    const encode = (date: Date) => db.orm.em.getPlatform().processDateProperty(date);
    // A month of 10 tenants' deliveries: 100 subscriptions, subjects of a few deliveries each.
    const rows = Array.from({ length: ROWS }, (_, i) => ({
      id: `dlv_${i}`,
      tenant_id: `tnt_${i % TENANTS}`,
      event_id: `evt_${Math.floor(i / 2)}`,
      subscription_id: `sub_${i % 100}`,
      subject: `order-${i % 5_000}`,
      plugin: 'komet',
      hook: 'order-confirmation',
      status: STATUSES[i % STATUSES.length],
      attempt_count: 1,
      created_at: encode(new Date(NOW - Math.floor((i * 30 * 24 * HOUR_MS) / ROWS))),
      updated_at: encode(new Date(NOW)),
    }));
    const knex = connection().getKnex();
    for (let from = 0; from < rows.length; from += 500) await knex('deliveries').insert(rows.slice(from, from + 500));
    const attempts = rows.map(({ id, created_at }) => ({
      delivery_id: id,
      n: 1,
      at: created_at,
      request: JSON.stringify({ method: 'POST', url: 'https://example.test/hook', headers: {}, body: '{}' }),
      duration_ms: 12,
      outcome: 'delivered',
    }));
    for (let from = 0; from < attempts.length; from += 500) await knex('delivery_attempts').insert(attempts.slice(from, from + 500));
    if (dialect === 'postgresql') await connection().execute('analyze deliveries, delivery_attempts');
    // The SQL as MikroORM sends it (it inlines the values), captured on its way to the database.
    db.orm.config.set('onQuery', (sql: string, params: readonly unknown[]) => {
      statements.push(db.orm.em.getPlatform().formatQuery(sql, [...params]));
      return sql;
    });
  });

  afterAll(async () => {
    await db?.close();
    await database.drop();
  });

  /** The statements `action` made the service issue. */
  async function issued(action: (service: DeliveriesService) => Promise<unknown>): Promise<string[]> {
    statements.length = 0;
    await action(new DeliveriesService(db.orm.em.fork()));
    return [...statements];
  }

  /** The plan as text, one line per node. */
  async function plan(sql: string): Promise<string> {
    const text =
      dialect === 'sqlite'
        ? (await connection().execute<{ detail: string }[]>(`explain query plan ${sql}`)).map(({ detail }) => detail).join('\n')
        : (await connection().execute<Record<string, string>[]>(`explain ${sql}`)).map((row) => row['QUERY PLAN']).join('\n');
    if (process.env.SHOW_PLANS) console.log(`${dialect}: ${sql}\n${text}`);
    return text;
  }

  /**
   * SQLite: one index read in list order, no sort. PostgreSQL: an index whose condition holds the
   * tenant and every filtered column, never a scan of the table.
   */
  function expectServedByIndex(text: string, filter: Partial<ListDeliveriesQuery>, index: string, postgresIndexes: RegExp): void {
    if (dialect === 'sqlite') {
      expect(text).toMatch(new RegExp(`^SEARCH (deliveries|d0) USING (COVERING )?INDEX ${index} \\(tenant_id=\\?`));
      expect(text).not.toMatch(/TEMP B-TREE/);
      return;
    }
    expect(text).not.toMatch(/Seq Scan/);
    expect(text).toMatch(new RegExp(`(Index Scan Backward using|Bitmap Index Scan on) ${postgresIndexes.source}`));
    const condition = /Index Cond: (.*)/.exec(text)?.[1] ?? '';
    for (const column of ['tenant_id', ...Object.keys(filter).map((key) => COLUMNS[key])]) expect(condition).toContain(column);
  }

  describe.each(FILTERS)('%s', (_label, filter, index, postgresIndexes) => {
    it('reads the first page from its index', async () => {
      const [sql] = await issued((service) => service.list(TENANT, filter));
      expectServedByIndex(await plan(sql), filter, index, postgresIndexes);
    });

    it('reads a later page from the cursor on, a range of the same index', async () => {
      const [sql] = await issued((service) => service.list(TENANT, { ...filter, cursor: CURSOR }));
      const text = await plan(sql);
      expectServedByIndex(text, filter, index, postgresIndexes);
      // The cursor bounds the range: the rows before it are not read and thrown away.
      if (dialect === 'sqlite') expect(text).toMatch(/created_at<\?/);
      else expect(text).toMatch(/Index Cond: .*created_at <=/);
    });
  });

  it('reads the detail by primary keys: the delivery, then its attempts in order', async () => {
    const [delivery, attempts] = await issued((service) => service.get(TENANT, 'dlv_15003'));
    const [deliveryPlan, attemptsPlan] = [await plan(delivery), await plan(attempts)];
    if (dialect === 'sqlite') {
      expect(deliveryPlan).toMatch(/^SEARCH (deliveries|d0) USING INDEX sqlite_autoindex_deliveries_1 \(id=\?\)/);
      expect(attemptsPlan).toMatch(/^SEARCH (delivery_attempts|d0) USING INDEX sqlite_autoindex_delivery_attempts_1 \(delivery_id=\?\)/);
      expect(attemptsPlan).not.toMatch(/TEMP B-TREE/);
    } else {
      expect(deliveryPlan).toMatch(/Index Scan using deliveries_pkey on deliveries/);
      expect(attemptsPlan).toMatch(/Index Scan using delivery_attempts_pkey on delivery_attempts/);
      expect(`${deliveryPlan}\n${attemptsPlan}`).not.toMatch(/Seq Scan|Sort/);
    }
  });
});

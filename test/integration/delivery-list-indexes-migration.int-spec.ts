import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { type OpenDatabase, openDatabase } from '@hookbus/persistence';
import { testDatabases } from '@hookbus/testing';
// A delivery log created before the list indexes gets them at the next start, its rows kept.
// Apps publish no import path, so this spec reaches into its sources.
/* eslint-disable @nx/enforce-module-boundaries */
import { DELIVERY_LOG_ENTITIES, DELIVERY_LOG_MIGRATIONS } from '../../apps/config-service/src/deliveries/deliveries.module-parts';
/* eslint-enable @nx/enforce-module-boundaries */

const BEFORE = DELIVERY_LOG_MIGRATIONS.filter(({ name }) => name !== '0013-delivery-list-indexes');

/** The columns of each index of `deliveries`, in index order, by index name. */
async function indexColumns(db: OpenDatabase, dialect: string): Promise<Record<string, string[]>> {
  const connection = (db.orm.em as SqlEntityManager).getConnection();
  const columns: Record<string, string[]> = {};
  if (dialect === 'sqlite') {
    for (const { name } of await connection.execute<{ name: string }[]>(`select name from sqlite_master where type = 'index' and tbl_name = 'deliveries' and sql is not null`)) {
      columns[name] = (await connection.execute<{ name: string }[]>(`pragma index_info('${name}')`)).map((column) => column.name);
    }
  } else {
    const rows = await connection.execute<{ index: string; column: string }[]>(
      `select i.relname as index, a.attname as column from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
       cross join lateral unnest(x.indkey) with ordinality as k(attnum, position) join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum
       where t.relname = 'deliveries' and not x.indisprimary order by i.relname, k.position`,
    );
    for (const { index, column } of rows) (columns[index] ??= []).push(column);
  }
  return columns;
}

describe.each(testDatabases())('the delivery list indexes on an existing $label log', (database) => {
  afterAll(() => database.drop());

  it('are built by the 0013 migration at the next start, over the rows already there', async () => {
    await database.create();
    const old = await openDatabase({ url: database.url, entities: DELIVERY_LOG_ENTITIES, migrations: BEFORE, name: 'list-indexes-old' });
    const created = old.orm.em.getPlatform().processDateProperty(new Date());
    await (old.orm.em as SqlEntityManager).getConnection().getKnex()('deliveries').insert({
      id: 'dlv_1', tenant_id: 'tnt_1', event_id: 'evt_1', subscription_id: 'sub_1', plugin: 'komet', hook: 'order-confirmation',
      status: 'failed', attempt_count: 1, created_at: created, updated_at: created,
    });
    expect((await indexColumns(old, database.label))['deliveries_tenant_subscription_status_idx']).toBeUndefined();
    await old.close();

    const current = await openDatabase({ url: database.url, entities: DELIVERY_LOG_ENTITIES, migrations: DELIVERY_LOG_MIGRATIONS, name: 'list-indexes-new' });
    try {
      expect(current.applied).toEqual(['0013-delivery-list-indexes']);
      expect(await indexColumns(current, database.label)).toMatchObject({
        deliveries_tenant_created_idx: ['tenant_id', 'created_at', 'id'],
        deliveries_tenant_subscription_idx: ['tenant_id', 'subscription_id', 'created_at', 'id'],
        deliveries_tenant_status_idx: ['tenant_id', 'status', 'created_at', 'id'],
        deliveries_tenant_subscription_status_idx: ['tenant_id', 'subscription_id', 'status', 'created_at', 'id'],
        deliveries_tenant_event_idx: ['tenant_id', 'event_id', 'created_at', 'id'],
        deliveries_tenant_subject_idx: ['tenant_id', 'subject', 'created_at', 'id'],
      });
      const rows = await (current.orm.em as SqlEntityManager).getConnection().execute<{ id: string }[]>(`select id from deliveries`);
      expect(rows.map(({ id }) => id)).toEqual(['dlv_1']);
    } finally {
      await current.close();
    }
  });
});

// The bench's fast path to many subscriptions: clones the subscriptions config-service already holds
// (made through its API, so their secrets are sealed as it seals them) into `count` more over
// `tenants` tenants, straight into its SQLite database while it is stopped. Rows are marked
// published: config-service's start republishes the whole table, as after any restart.
import Database from 'libsql';

/** Adds `count` subscriptions over `tenants` new tenants; returns how long the SQL took (ms). */
export function cloneSubscriptions(file, { count, tenants, idPrefix = 'scale' }) {
  const db = new Database(file);
  try {
    const began = performance.now();
    const columns = db.prepare('select name from pragma_table_info(?)').all('subscriptions').map(({ name }) => name);
    const copied = columns.filter((name) => !['id', 'tenant_id', 'published_version'].includes(name));
    db.exec('begin');
    db.prepare(
      `with recursive n(i) as (select 0 union all select i + 1 from n where i < ?)
       insert into tenants (id, name, created_at) select ? || i, 'scale ' || i, ? from n`,
    ).run(tenants - 1, `tnt_${idPrefix}_`, new Date().toISOString());
    db.prepare(
      `with recursive n(i) as (select 0 union all select i + 1 from n where i < ?),
       templates as (select *, row_number() over (order by id) - 1 as rn from subscriptions where deleted_at is null),
       template_count as (select count(*) as c from templates)
       insert into subscriptions (id, tenant_id, published_version, ${copied.join(', ')})
       select ? || i, ? || (i % ?), t.version, ${copied.map((name) => `t.${name}`).join(', ')}
       from n cross join template_count join templates t on t.rn = i % template_count.c`,
    ).run(count - 1, `sub_${idPrefix}_`, `tnt_${idPrefix}_`, tenants);
    db.exec('commit');
    return performance.now() - began;
  } finally {
    db.close();
  }
}

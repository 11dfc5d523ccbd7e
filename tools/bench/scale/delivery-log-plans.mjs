// The plan of each delivery-log query, for the SQL config-service really issues: the built
// DeliveriesService runs in this process on its own connection, MikroORM's `onQuery` hands over each
// statement, and the database explains it (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL).
import { createRequire } from 'node:module';
import path from 'node:path';
import { parsedQuery, QUERIES, randomMeasuredRow } from './delivery-log-queries.mjs';

const require = createRequire(import.meta.url);

/** `{ [query name]: plan text }` at the database's current size. */
export async function explainQueries({ root, database, tenantId, size, shape }) {
  require('reflect-metadata');
  const dist = (...parts) => path.join(root, 'dist', ...parts);
  const { openDatabase } = require(dist('libs', 'persistence', 'src', 'index.js'));
  const { DELIVERY_LOG_ENTITIES, DELIVERY_LOG_MIGRATIONS } = require(dist('apps', 'config-service', 'src', 'deliveries', 'deliveries.module-parts.js'));
  const { DeliveriesService } = require(dist('apps', 'config-service', 'src', 'deliveries', 'deliveries.service.js'));
  const db = await openDatabase({ url: database.url, entities: DELIVERY_LOG_ENTITIES, migrations: DELIVERY_LOG_MIGRATIONS, name: 'delivery-log-plans' });
  const statements = [];
  db.orm.config.set('onQuery', (sql, params) => {
    statements.push(db.orm.em.getPlatform().formatQuery(sql, params));
    return sql;
  });
  try {
    const plans = {};
    for (const query of QUERIES) {
      const [i, j] = [randomMeasuredRow(size), randomMeasuredRow(size)];
      statements.length = 0;
      const service = new DeliveriesService(db.orm.em.fork());
      if (query.detail) await service.get(tenantId, query.detail(i));
      else await service.list(tenantId, parsedQuery(query, i, j, shape));
      const explained = [];
      for (const sql of statements) explained.push(`${sql}\n${await database.explain(sql)}`);
      plans[query.name] = explained.join('\n\n');
    }
    return plans;
  } finally {
    await db.close();
  }
}

/** The indexes a plan reads, and whether it scans a table or sorts: one line for the table. */
export function planSummary(plan) {
  const indexes = [...new Set([...plan.matchAll(/(?:USING (?:COVERING )?INDEX|Index (?:Only )?Scan(?: Backward)? using|Bitmap Index Scan on) (\w+)/g)].map((match) => match[1]))];
  const flags = [
    /\bSCAN (d0|deliveries|delivery_attempts)\b|Seq Scan/.test(plan) ? '**table scan**' : '',
    /TEMP B-TREE|Sort Key/.test(plan) ? 'sort' : '',
  ].filter(Boolean);
  return [indexes.join(', ') || '(no index)', ...flags].join('; ');
}

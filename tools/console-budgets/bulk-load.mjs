// The fast path made for the budget: delivery rows straight into config-service's tables through the
// database driver (bulk statements in one transaction), not through the delivery log topic.
import { createRequire } from 'node:module';
import pg from 'pg';

const require = createRequire(import.meta.url);

const DELIVERY_COLUMNS = ['id', 'tenant_id', 'event_id', 'subscription_id', 'subject', 'plugin', 'hook', 'status', 'vendor_message', 'attempt_count', 'created_at', 'updated_at', 'finished_at', 'due_at'];
const ATTEMPT_COLUMNS = ['delivery_id', 'n', 'at', 'request', 'response', 'duration_ms', 'error', 'outcome'];

const deliveryValues = (row, date) => [row.id, row.tenantId, row.eventId, row.subscriptionId, row.subject, row.plugin, row.hook, row.status, row.vendorMessage, row.attemptCount, date(row.createdAt), date(row.updatedAt), date(row.finishedAt), date(row.dueAt)];
const attemptValues = (row, date, json) => [row.deliveryId, row.n, date(row.at), json(row.request), json(row.response), row.durationMs, row.error, row.outcome];

/** SQLite as MikroORM writes it: dates as epoch milliseconds, JSON as text. */
export function loadSqlite(file, deliveries, attempts) {
  const Database = require('libsql');
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 10000');
    const date = (value) => (value ? value.getTime() : null);
    const json = (value) => (value === null ? null : JSON.stringify(value));
    const insertDelivery = db.prepare(`insert into deliveries (${DELIVERY_COLUMNS.join(', ')}) values (${DELIVERY_COLUMNS.map(() => '?').join(', ')})`);
    const insertAttempt = db.prepare(`insert into delivery_attempts (${ATTEMPT_COLUMNS.join(', ')}) values (${ATTEMPT_COLUMNS.map(() => '?').join(', ')})`);
    db.transaction(() => {
      for (const row of deliveries) insertDelivery.run(deliveryValues(row, date));
      for (const row of attempts) insertAttempt.run(attemptValues(row, date, json));
    })();
  } finally {
    db.close();
  }
}

const PG_TYPES = { deliveries: ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'int', 'timestamptz', 'timestamptz', 'timestamptz', 'timestamptz'], attempts: ['text', 'int', 'timestamptz', 'json', 'json', 'float8', 'text', 'text'] };

/** PostgreSQL: one `insert … select * from unnest(…)` per 10,000 rows, then ANALYZE as autovacuum would. */
export async function loadPostgres(url, deliveries, attempts) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin');
    const date = (value) => value;
    const json = (value) => (value === null ? null : JSON.stringify(value));
    await insertColumns(client, 'deliveries', DELIVERY_COLUMNS, PG_TYPES.deliveries, deliveries.map((row) => deliveryValues(row, date)));
    await insertColumns(client, 'delivery_attempts', ATTEMPT_COLUMNS, PG_TYPES.attempts, attempts.map((row) => attemptValues(row, date, json)));
    await client.query('commit');
    await client.query('analyze deliveries');
    await client.query('analyze delivery_attempts');
  } finally {
    await client.end();
  }
}

async function insertColumns(client, table, columns, types, rows) {
  for (let start = 0; start < rows.length; start += 10_000) {
    const batch = rows.slice(start, start + 10_000);
    const arrays = columns.map((_, column) => batch.map((row) => row[column]));
    const unnest = types.map((type, column) => `$${column + 1}::${type === 'json' ? 'text' : type}[]`).join(', ');
    const select = columns.map((column, index) => (types[index] === 'json' ? `c${index}::json` : `c${index}`)).join(', ');
    await client.query(`insert into ${table} (${columns.join(', ')}) select ${select} from unnest(${unnest}) as t(${columns.map((_, index) => `c${index}`).join(', ')})`, arrays);
  }
}

// The two databases config-service runs on, as the delivery-log scale bench drives them: created
// and dropped by the run, loaded by plain SQL beside the running service (not through Kafka), sized,
// and asked for their plans.
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { loadStatements } from './delivery-log-shape.mjs';

const require = createRequire(import.meta.url);
/** Rows a statement: one transaction each, so a step never holds a multi-gigabyte one open. */
const CHUNK = 250_000;
const SERVER = 'postgres://postgres@127.0.0.1:5432';

/** An SQLite file under `dataDir`: loaded through its own connection with a large page cache. */
export function sqliteDatabase(dataDir) {
  const file = path.join(dataDir, 'delivery-log.sqlite');
  let connection;
  const open = () => {
    if (!connection) {
      const Database = require('libsql');
      connection = new Database(file);
      // The loader's own connection: a 1 GiB cache keeps the indexes it inserts into in memory, and
      // it need not sync (a crashed bench starts over); the service's connections are untouched.
      connection.exec('pragma busy_timeout = 30000; pragma cache_size = -1000000; pragma synchronous = off');
    }
    return connection;
  };
  return {
    label: 'sqlite',
    url: `sqlite:${file}`,
    create: async () => undefined,
    async load(from, to, shape) {
      const { deliveries, attempts } = loadStatements('sqlite', shape);
      for (let start = from; start <= to; start += CHUNK) {
        const end = Math.min(to, start + CHUNK - 1);
        const db = open();
        db.prepare(deliveries).run(start, end);
        db.prepare(attempts).run(start, end);
      }
      // Back into the database file, so the size below is the file's, not a WAL full of pages.
      open().exec('pragma wal_checkpoint(truncate)');
    },
    /** SQLite works inside config-service. */
    serverPids: async () => [],
    async bytes() {
      const size = (suffix) => (existsSync(`${file}${suffix}`) ? statSync(`${file}${suffix}`).size : 0);
      return size('') + size('-wal');
    },
    async count(sql, bindings) {
      return Number(Object.values(open().prepare(sql).get(...bindings))[0]);
    },
    async explain(sql) {
      return open().prepare(`explain query plan ${sql}`).all().map(({ detail }) => detail).join('\n');
    },
    async drop() {
      connection?.close();
    },
  };
}

/** A PostgreSQL database of its own on the local server, dropped at the end. */
export function postgresDatabase(name) {
  const { Client } = require('pg');
  let client;
  const onServer = async (sql) => {
    const admin = new Client({ connectionString: `${SERVER}/postgres` });
    await admin.connect();
    try {
      await admin.query(sql);
    } finally {
      await admin.end();
    }
  };
  const query = async (sql, bindings = []) => {
    if (!client) {
      client = new Client({ connectionString: `${SERVER}/${name}`, application_name: 'delivery-log-bench' });
      await client.connect();
      // The loader's session only: commits need not wait for the WAL flush, sorts stay in memory.
      await client.query(`set synchronous_commit = off; set maintenance_work_mem = '512MB'`);
    }
    return client.query(sql, bindings);
  };
  return {
    label: 'postgresql',
    url: `${SERVER}/${name}`,
    create: () => onServer(`create database ${name}`),
    async load(from, to, shape) {
      const { deliveries, attempts } = loadStatements('postgresql', shape);
      // Inserting into the seven secondary indexes row by row costs 2.5 × building them afresh, so
      // a step drops them and builds them again (their pages end up fuller than grown ones).
      const indexes = (await query(`select indexname, indexdef from pg_indexes where tablename = 'deliveries' and indexname <> 'deliveries_pkey'`)).rows;
      for (const { indexname } of indexes) await query(`drop index ${indexname}`);
      for (let start = from; start <= to; start += CHUNK) {
        const end = Math.min(to, start + CHUNK - 1);
        await query(deliveries, [start, end]);
        await query(attempts, [start, end]);
      }
      for (const { indexdef } of indexes) await query(indexdef);
      await query('vacuum analyze deliveries');
      await query('vacuum analyze delivery_attempts');
    },
    /** The backends of config-service's connections (on this machine: the server is local). */
    async serverPids() {
      const { rows } = await query(`select pid from pg_stat_activity where datname = $1 and application_name = 'config-service'`, [name]);
      return rows.map(({ pid }) => pid);
    },
    async bytes() {
      const { rows } = await query(`select pg_total_relation_size('deliveries') + pg_total_relation_size('delivery_attempts') as bytes`);
      return Number(rows[0].bytes);
    },
    async count(sql, bindings) {
      const { rows } = await query(sql.replace(/\?/g, (_, offset) => `$${sql.slice(0, offset).split('?').length}`), bindings);
      return Number(Object.values(rows[0])[0]);
    },
    async explain(sql) {
      return (await query(`explain ${sql}`)).rows.map((row) => row['QUERY PLAN']).join('\n');
    },
    async drop() {
      await client?.end().catch(() => undefined);
      await onServer(`drop database if exists ${name} with (force)`);
    },
  };
}

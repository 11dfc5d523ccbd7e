import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

/** One database of the suite: `url` is a `DATABASE_URL`, usable once `create()` has resolved. */
export interface TestDatabase {
  readonly label: 'sqlite' | 'postgresql';
  readonly url: string;
  create(): Promise<void>;
  drop(): Promise<void>;
}

const DEFAULT_POSTGRES = 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Both databases a service can run on, each fresh and isolated: an SQLite file in a new temporary
 * directory (not created yet: opening it must create it) and a new PostgreSQL database on the
 * server of `TEST_POSTGRES_URL` (default the local one). PostgreSQL is never skipped: `create()`
 * fails when the server is unreachable. Synchronous so it can feed `describe.each`.
 */
export function testDatabases(): TestDatabase[] {
  const id = randomBytes(4).toString('hex');
  const directory = path.join(tmpdir(), `hookbus-t-${id}`);
  const sqlite: TestDatabase = {
    label: 'sqlite',
    url: `sqlite:${path.join(directory, 'test.sqlite')}`,
    create: async () => undefined,
    drop: () => rm(directory, { recursive: true, force: true }),
  };
  return [sqlite, postgresDatabase(`hookbus_t_${id}`)];
}

/** A PostgreSQL database `name` on the server of `TEST_POSTGRES_URL` (default the local one), not created yet. */
export function postgresDatabase(name: string): TestDatabase {
  const server = process.env.TEST_POSTGRES_URL || DEFAULT_POSTGRES;
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    label: 'postgresql',
    url: url.toString(),
    create: () => onServer(server, `create database ${name}`),
    // FORCE ends connections a failed test left open.
    drop: () => onServer(server, `drop database if exists ${name} with (force)`),
  };
}

async function onServer(server: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: server, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    const where = new URL(server);
    where.password = '';
    throw new Error(
      `PostgreSQL for the tests is unreachable at ${where.toString()} (${(error as Error).message}); ` +
        'start it or point TEST_POSTGRES_URL at a server where this user may create databases',
    );
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

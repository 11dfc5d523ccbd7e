import type { Options } from '@mikro-orm/core';
import { LibSqlDriver } from '@mikro-orm/libsql';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Logger } from '@nestjs/common';
import { parseDatabaseUrl } from './database-url';
import type { PersistenceOptions } from './persistence-options';

/**
 * Set on every SQLite connection the pool opens (MikroORM's libsql dialect replaces a connection
 * after 10 s, and these do not persist in the file). A 32 MiB page cache keeps the delivery log's
 * index pages in memory instead of re-reading them from the OS; a checkpoint every 10,000 WAL pages
 * instead of 1,000 copies a page rewritten by many consecutive commits back to the database once.
 */
const SQLITE_CONNECTION_PRAGMAS = ['cache_size = -32768', 'wal_autocheckpoint = 10000'];

interface SqliteConnection {
  exec(sql: string): void;
}

/** knex's pool hook: runs on each new connection before its first use. */
function tuneSqliteConnection(connection: SqliteConnection, done: (error: unknown, connection: SqliteConnection) => void): void {
  try {
    for (const pragma of SQLITE_CONNECTION_PRAGMAS) connection.exec(`pragma ${pragma}`);
    done(null, connection);
  } catch (error) {
    done(error, connection);
  }
}

/** MikroORM's options for a service: the driver follows the URL, the schema comes only from migrations. */
export function ormOptions({ url, entities, migrations, name = 'persistence' }: PersistenceOptions): Options {
  const target = parseDatabaseUrl(url);
  assertUniqueNames(migrations.map((migration) => migration.name));
  const logger = new Logger(name);
  const common = {
    entities: [...entities],
    // Classes only, no globbing or metadata cache: the same config works from src/ (Jest) and dist/.
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true, warnWhenNoEntities: false },
    extensions: [Migrator],
    migrations: { migrationsList: [...migrations], transactional: true, allOrNothing: true, snapshot: false, silent: true },
    // Tables exist only through migrations: never derive a schema (or a database) from the entities.
    ensureDatabase: false,
    forceUtcTimezone: true,
    colors: false,
    logger: (message: string) => logger.log(message),
  } satisfies Options;
  return target.dialect === 'sqlite'
    ? {
        ...common,
        driver: LibSqlDriver,
        dbName: target.file,
        pool: { afterCreate: tuneSqliteConnection },
      }
    : {
        ...common,
        driver: PostgreSqlDriver,
        clientUrl: target.url,
        driverOptions: { connection: { application_name: name } },
      };
}

function assertUniqueNames(names: readonly string[]): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (!name) throw new Error('every migration needs a name');
    if (seen.has(name)) throw new Error(`migration ${name} is listed twice`);
    seen.add(name);
  }
}

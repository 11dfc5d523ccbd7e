import type { Options } from '@mikro-orm/core';
import { LibSqlDriver } from '@mikro-orm/libsql';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Logger } from '@nestjs/common';
import { parseDatabaseUrl } from './database-url';
import type { PersistenceOptions } from './persistence-options';

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
    ? { ...common, driver: LibSqlDriver, dbName: target.file }
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

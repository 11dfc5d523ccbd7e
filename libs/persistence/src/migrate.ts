import type { MikroORM } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';

// Any constant works: PostgreSQL scopes advisory locks to the database.
const MIGRATION_LOCK = 7_355_608;

/**
 * Applies the pending migrations, all in one transaction, and returns their names. On PostgreSQL
 * replicas starting together queue on an advisory lock, so each migration runs once.
 */
export async function migrate(orm: MikroORM): Promise<string[]> {
  const migrator = orm.getMigrator();
  if (orm.config.get('driver') !== PostgreSqlDriver) {
    // Write-ahead log: a commit appends to one file and syncs it (synchronous stays FULL) instead of
    // creating, syncing and deleting a rollback journal, and readers no longer block the writer.
    await orm.em.getConnection().execute('pragma journal_mode = wal');
    return names(await migrator.up());
  }
  const connection = orm.em.getConnection();
  return connection.transactional(async (transaction) => {
    await connection.execute('select pg_advisory_xact_lock(?)', [MIGRATION_LOCK], 'all', transaction);
    return names(await migrator.up({ transaction }));
  });
}

const names = (migrations: readonly { name: string }[]) => migrations.map((migration) => migration.name);

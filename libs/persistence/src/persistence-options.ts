import type { AnyEntity, EntityClass, MigrationObject } from '@mikro-orm/core';

/** What a service stores and how its schema evolves. */
export interface PersistenceOptions {
  /** A `DATABASE_URL` (see `databaseEnv`). */
  readonly url: string;
  /** The entity classes (MikroORM decorators, explicit property types); no folder discovery. */
  readonly entities: readonly EntityClass<AnyEntity>[];
  /**
   * Every migration in order, as checked-in classes: `{ name, class }`. The name is what the
   * migrations table records, so it must never change once released.
   */
  readonly migrations: readonly MigrationObject[];
  /** The service name, for logs and PostgreSQL's `application_name`. */
  readonly name?: string;
}

import { SchemaMigration } from '@hookbus/persistence';

/** Console sign-in: sessions (by cookie) and one-time portal links, each stored as its token's SHA-256. */
export class ConsoleSessions0010 extends SchemaMigration {
  override async up(): Promise<void> {
    this.schema((schema) =>
      schema
        .createTable('console_sessions', (table) => {
          table.string('token_sha256', 64).primary();
          table.string('kind', 10).notNullable();
          table.string('tenant_id', 40).nullable();
          table.string('key_id', 40).nullable();
          table.json('roles').notNullable();
          table.timestamp('expires_at', { useTz: true }).notNullable().index();
          table.timestamp('created_at', { useTz: true }).notNullable();
        })
        .createTable('portal_links', (table) => {
          table.string('token_sha256', 64).primary();
          table.string('tenant_id', 40).notNullable();
          table.json('roles').notNullable();
          table.integer('session_seconds').notNullable();
          table.string('key_id', 40).nullable();
          table.timestamp('expires_at', { useTz: true }).notNullable().index();
          table.timestamp('used_at', { useTz: true }).nullable();
          table.timestamp('created_at', { useTz: true }).notNullable();
        }),
    );
  }
}

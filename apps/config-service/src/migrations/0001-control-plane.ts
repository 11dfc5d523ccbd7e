import { SchemaMigration } from '@hookbus/persistence';

/** Tenants, API keys and subscriptions. */
export class ControlPlane0001 extends SchemaMigration {
  override async up(): Promise<void> {
    this.schema((schema) =>
      schema
        .createTable('tenants', (table) => {
          table.string('id', 40).primary();
          table.string('name', 200).notNullable();
          table.timestamp('created_at', { useTz: true }).notNullable();
        })
        .createTable('api_keys', (table) => {
          table.string('id', 40).primary();
          table.string('tenant_id', 40).notNullable().index();
          table.string('secret_hash', 64).notNullable();
          table.json('roles').notNullable();
          table.timestamp('created_at', { useTz: true }).notNullable();
          table.timestamp('revoked_at', { useTz: true }).nullable();
        })
        .createTable('subscriptions', (table) => {
          table.string('id', 40).primary();
          table.string('tenant_id', 40).notNullable().index();
          table.string('plugin', 40).notNullable();
          table.string('hook', 80).notNullable();
          table.text('url').notNullable();
          table.string('method', 10).notNullable();
          table.boolean('enabled').notNullable();
          table.string('status', 20).notNullable();
          table.text('disabled_reason').nullable();
          table.json('auth').notNullable();
          table.json('error_emails').notNullable();
          table.json('settings').notNullable();
          table.json('retry_policy').nullable();
          table.json('signing_secrets').notNullable();
          table.integer('version').notNullable();
          table.integer('published_version').notNullable().index();
          table.timestamp('created_at', { useTz: true }).notNullable();
          table.timestamp('updated_at', { useTz: true }).notNullable();
          table.timestamp('deleted_at', { useTz: true }).nullable();
        }),
    );
  }
}

export const CONFIG_MIGRATIONS = [{ name: '0001-control-plane', class: ControlPlane0001 }];

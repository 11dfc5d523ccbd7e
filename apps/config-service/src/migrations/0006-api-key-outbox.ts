import { SchemaMigration } from '@hookbus/persistence';

/** API keys are published to `hookbus.api-keys.v1`; keys made before are published once by the catch-up. */
export class ApiKeyOutbox0006 extends SchemaMigration {
  override async up(): Promise<void> {
    this.schema((schema) =>
      schema.alterTable('api_keys', (table) => {
        table.integer('version').notNullable().defaultTo(1);
        table.integer('published_version').notNullable().defaultTo(0).index();
      }),
    );
  }
}

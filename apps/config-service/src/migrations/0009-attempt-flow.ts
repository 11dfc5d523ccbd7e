import { SchemaMigration } from '@hookbus/persistence';

/** How often an attempt was put off, and its endpoint's flow control then (concurrency, circuit). */
export class AttemptFlow0009 extends SchemaMigration {
  override async up(): Promise<void> {
    this.schema((schema) =>
      schema.alterTable('delivery_attempts', (table) => {
        table.integer('deferrals').nullable();
        table.json('endpoint').nullable();
      }),
    );
  }
}

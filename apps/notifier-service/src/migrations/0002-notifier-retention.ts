import { SchemaMigration } from '@hookbus/persistence';

/** Retention finds the oldest ledger rows without reading the whole ledger. */
export class NotifierRetention0002 extends SchemaMigration {
  override async up(): Promise<void> {
    this.schema((schema) =>
      schema.alterTable('sent_notifications', (table) => {
        table.index(['created_at'], 'sent_notifications_created_idx');
      }),
    );
  }
}

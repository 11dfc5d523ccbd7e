import { SchemaMigration } from '@hookbus/persistence';

/** Retention finds the deliveries idle longest without reading the whole log. */
export class DeliveryLogRetention0012 extends SchemaMigration {
  override async up(): Promise<void> {
    this.schema((schema) =>
      schema.alterTable('deliveries', (table) => {
        table.index(['updated_at'], 'deliveries_updated_idx');
      }),
    );
  }
}

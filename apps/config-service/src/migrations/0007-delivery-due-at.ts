import { SchemaMigration } from '@hookbus/persistence';

/**
 * When a `retrying` delivery's next attempt is due, on each attempt and on the delivery: a delivery
 * still `retrying` well past it has lost its retry, and recover may take it.
 */
export class DeliveryDueAt0007 extends SchemaMigration {
  override async up(): Promise<void> {
    this.schema((schema) =>
      schema
        .alterTable('delivery_attempts', (table) => {
          table.timestamp('due_at', { useTz: true }).nullable();
        })
        .alterTable('deliveries', (table) => {
          table.timestamp('due_at', { useTz: true }).nullable();
        }),
    );
  }
}

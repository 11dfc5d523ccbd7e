import { SchemaMigration } from '@hookbus/persistence';

/**
 * The delivery log keeps the event of a delivery that did not get through (what a manual retry or
 * a recover sends again) and when a delivery reached its final state (deactivation looks at a
 * subscription's latest final deliveries).
 */
export class DeliveryOutcome0004 extends SchemaMigration {
  override async up(): Promise<void> {
    this.schema((schema) =>
      schema.alterTable('deliveries', (table) => {
        table.json('event').nullable();
        table.timestamp('finished_at', { useTz: true }).nullable();
        table.index(['subscription_id', 'finished_at'], 'deliveries_subscription_finished_idx');
      }),
    );
  }
}

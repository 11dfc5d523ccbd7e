import { SchemaMigration } from '@hookbus/persistence';

/**
 * Every filter of `GET /v1/deliveries` reads one index in list order: tenant, the filter's columns,
 * then `(created_at, id)`, the list's order and its cursor. Without `id` each page sorted its ties
 * apart; without `(subscription_id, status)` a subscription's failures were found by reading all of
 * its deliveries, newest first, until a page of failures turned up.
 */
export class DeliveryListIndexes0013 extends SchemaMigration {
  override async up(): Promise<void> {
    this.schema((schema) =>
      schema.alterTable('deliveries', (table) => {
        table.dropIndex([], 'deliveries_tenant_subscription_idx');
        table.dropIndex([], 'deliveries_tenant_status_idx');
        table.dropIndex([], 'deliveries_tenant_subject_idx');
        table.dropIndex([], 'deliveries_tenant_event_idx');
        table.index(['tenant_id', 'subscription_id', 'created_at', 'id'], 'deliveries_tenant_subscription_idx');
        table.index(['tenant_id', 'status', 'created_at', 'id'], 'deliveries_tenant_status_idx');
        table.index(['tenant_id', 'subject', 'created_at', 'id'], 'deliveries_tenant_subject_idx');
        table.index(['tenant_id', 'event_id', 'created_at', 'id'], 'deliveries_tenant_event_idx');
        table.index(['tenant_id', 'subscription_id', 'status', 'created_at', 'id'], 'deliveries_tenant_subscription_status_idx');
      }),
    );
  }
}

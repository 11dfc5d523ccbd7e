import { SchemaMigration } from '@hookbus/persistence';

/** The delivery log read model: deliveries and their attempts (from `hookbus.deliveries.log.v1`). */
export class DeliveryLog0003 extends SchemaMigration {
  override async up(): Promise<void> {
    this.schema((schema) =>
      schema
        .createTable('deliveries', (table) => {
          table.string('id', 64).primary();
          table.string('tenant_id', 128).notNullable();
          table.string('event_id', 256).notNullable();
          table.string('subscription_id', 64).notNullable();
          table.string('subject', 256).nullable();
          table.string('plugin', 40).notNullable();
          table.string('hook', 80).notNullable();
          table.string('status', 20).notNullable();
          table.text('vendor_message').nullable();
          table.integer('attempt_count').notNullable();
          table.timestamp('created_at', { useTz: true }).notNullable();
          table.timestamp('updated_at', { useTz: true }).notNullable();
          // Every query is tenant-scoped and lists newest first.
          table.index(['tenant_id', 'created_at', 'id'], 'deliveries_tenant_created_idx');
          table.index(['tenant_id', 'subscription_id', 'created_at'], 'deliveries_tenant_subscription_idx');
          table.index(['tenant_id', 'status', 'created_at'], 'deliveries_tenant_status_idx');
          table.index(['tenant_id', 'event_id'], 'deliveries_tenant_event_idx');
          table.index(['tenant_id', 'subject'], 'deliveries_tenant_subject_idx');
        })
        .createTable('delivery_attempts', (table) => {
          table.string('delivery_id', 64).notNullable();
          table.integer('n').notNullable();
          table.timestamp('at', { useTz: true }).notNullable();
          table.json('request').notNullable();
          table.json('response').nullable();
          table.double('duration_ms').notNullable();
          table.text('error').nullable();
          table.string('outcome', 20).notNullable();
          table.text('vendor_message').nullable();
          table.primary(['delivery_id', 'n']);
        }),
    );
  }
}

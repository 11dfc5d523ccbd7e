import { SchemaMigration } from '@hookbus/persistence';

/** Notification event toggles, postback channels and their links to events. */
export class Notifications0002 extends SchemaMigration {
  override async up(): Promise<void> {
    this.schema((schema) =>
      schema
        .createTable('notification_event_states', (table) => {
          table.string('tenant_id', 40).notNullable();
          table.string('event_type', 80).notNullable();
          table.boolean('enabled').notNullable();
          table.timestamp('updated_at', { useTz: true }).notNullable();
          table.primary(['tenant_id', 'event_type']);
        })
        .createTable('notification_channels', (table) => {
          table.string('id', 40).primary();
          table.string('tenant_id', 40).notNullable().index();
          table.string('name', 200).notNullable();
          table.text('url').notNullable();
          table.json('retry_policy').nullable();
          table.timestamp('created_at', { useTz: true }).notNullable();
          table.timestamp('updated_at', { useTz: true }).notNullable();
        })
        .createTable('notification_links', (table) => {
          table.string('channel_id', 40).notNullable();
          table.string('event_type', 80).notNullable();
          table.string('tenant_id', 40).notNullable();
          table.json('sources').notNullable();
          table.string('subscription_id', 40).notNullable();
          table.timestamp('created_at', { useTz: true }).notNullable();
          table.timestamp('updated_at', { useTz: true }).notNullable();
          table.primary(['channel_id', 'event_type']);
          table.index(['tenant_id', 'event_type']);
        }),
    );
  }
}

import { SchemaMigration } from '@hookbus/persistence';
import { NotifierRetention0002 } from './0002-notifier-retention';

/** The dedupe record of every notification handled, and the storm windows per subscription. */
export class Notifier0001 extends SchemaMigration {
  override async up(): Promise<void> {
    this.schema((schema) =>
      schema
        .createTable('sent_notifications', (table) => {
          table.string('id', 255).primary();
          table.string('tenant_id', 128).notNullable();
          table.string('subscription_id', 64).notNullable();
          table.string('type', 40).notNullable();
          table.string('state', 16).notNullable();
          table.string('window_id', 120).nullable();
          table.json('record').notNullable();
          table.timestamp('created_at', { useTz: true }).notNullable();
          table.timestamp('sent_at', { useTz: true }).nullable();
          table.index(['window_id', 'created_at'], 'sent_notifications_window_idx');
        })
        .createTable('notification_windows', (table) => {
          table.string('id', 120).primary();
          table.string('tenant_id', 128).notNullable();
          table.string('subscription_id', 64).notNullable();
          table.timestamp('starts_at', { useTz: true }).notNullable();
          table.timestamp('ends_at', { useTz: true }).notNullable();
          table.integer('sent_count').notNullable();
          table.integer('suppressed_count').notNullable();
          table.string('state', 16).notNullable();
          table.timestamp('claimed_at', { useTz: true }).nullable();
          table.timestamp('digested_at', { useTz: true }).nullable();
          table.index(['subscription_id', 'ends_at'], 'notification_windows_subscription_idx');
          table.index(['state', 'ends_at'], 'notification_windows_state_idx');
        }),
    );
  }
}

export const NOTIFIER_MIGRATIONS = [
  { name: '0001-notifier', class: Notifier0001 },
  { name: '0002-notifier-retention', class: NotifierRetention0002 },
];

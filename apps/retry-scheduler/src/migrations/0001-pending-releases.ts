import { SchemaMigration } from '@hookbus/persistence';

/** The durable delay queue: dead letters waiting for their due time, and the pacing of scheduled subscriptions. */
export class PendingReleases0001 extends SchemaMigration {
  override up(): void {
    this.schema((schema) =>
      schema
        .createTable('pending_releases', (table) => {
          table.string('id', 100).primary();
          table.string('delivery_id', 64).notNullable();
          table.string('subscription_id', 64).notNullable();
          table.string('tenant_id', 128).notNullable();
          table.integer('attempt').notNullable();
          table.timestamp('due_at', { useTz: true }).notNullable();
          table.boolean('paced').notNullable();
          table.json('record').notNullable();
          table.string('claim_token', 40).nullable();
          table.timestamp('claim_expires_at', { useTz: true }).nullable();
          table.timestamp('first_claimed_at', { useTz: true }).nullable();
          table.timestamp('released_at', { useTz: true }).nullable();
          table.timestamp('created_at', { useTz: true }).notNullable();
          // The release loop's two queries: unpaced due rows, and one subscription's due rows.
          table.index(['released_at', 'paced', 'due_at'], 'pending_releases_due_idx');
          table.index(['subscription_id', 'released_at', 'due_at'], 'pending_releases_subscription_idx');
          table.index(['claim_token'], 'pending_releases_claim_idx');
        })
        .createTable('release_schedules', (table) => {
          table.string('subscription_id', 64).primary();
          table.integer('frequency_minutes').notNullable();
          table.integer('batch_size').notNullable();
          table.timestamp('next_run_at', { useTz: true }).notNullable();
          table.timestamp('updated_at', { useTz: true }).notNullable();
        }),
    );
  }
}

export const RETRY_SCHEDULER_MIGRATIONS = [{ name: '0001-pending-releases', class: PendingReleases0001 }];

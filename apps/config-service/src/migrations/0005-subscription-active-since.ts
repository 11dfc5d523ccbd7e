import { SchemaMigration } from '@hookbus/persistence';

/** Since when a subscription is active: failures from before it was re-enabled do not count again. */
export class SubscriptionActiveSince0005 extends SchemaMigration {
  override async up(): Promise<void> {
    this.schema((schema) =>
      schema.alterTable('subscriptions', (table) => {
        table.timestamp('active_since', { useTz: true }).nullable();
      }),
    );
  }
}

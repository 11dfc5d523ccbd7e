import { SchemaMigration } from '@hookbus/persistence';

/** A subscription's optional `rateLimit: {perSecond}`. */
export class SubscriptionRateLimit0008 extends SchemaMigration {
  override async up(): Promise<void> {
    this.schema((schema) =>
      schema.alterTable('subscriptions', (table) => {
        table.json('rate_limit').nullable();
      }),
    );
  }
}

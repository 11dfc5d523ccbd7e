import { SchemaMigration } from '@hookbus/persistence';

/** Which quarantined messages were put back on their topic, keyed by their quarantine `partition:offset`. */
export class QuarantineReplays0011 extends SchemaMigration {
  override async up(): Promise<void> {
    this.schema((schema) =>
      schema.createTable('quarantine_replays', (table) => {
        table.string('quarantine_id', 40).primary();
        table.string('source_topic', 249).notNullable();
        table.integer('source_partition').notNullable();
        table.string('source_offset', 20).notNullable();
        table.timestamp('claimed_at', { useTz: true }).notNullable();
        table.timestamp('replayed_at', { useTz: true }).nullable();
      }),
    );
  }
}

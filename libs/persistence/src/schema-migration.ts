import { type Knex, knex } from '@mikro-orm/knex';
import { Migration } from '@mikro-orm/migrations';

// Compiles DDL only (it never connects), to see what SQLite would make of a change.
const sqliteCompiler = knex({ client: 'sqlite3', useNullAsDefault: true });

type SchemaChange = (schema: Knex.SchemaBuilder) => Knex.SchemaBuilder;

/**
 * A migration written with the knex schema builder, so one class serves SQLite and PostgreSQL:
 * knex renders the DDL for the dialect it is connected to.
 *
 * ```ts
 * export class CreateTenants extends SchemaMigration {
 *   override up(): void {
 *     this.schema((schema) => schema.createTable('tenants', (table) => {
 *       table.string('id', 40).primary();
 *       table.timestamp('created_at', { useTz: true }).notNullable();
 *     }));
 *   }
 * }
 * ```
 * Changes that knex makes on SQLite by inspecting and rebuilding the table (altering or dropping
 * a column, adding a foreign key to an existing table) are refused on every database, so a
 * migration never works on one and breaks on the other. Write those with `addSql`:
 * `alter table t drop column c` runs on both.
 */
export abstract class SchemaMigration extends Migration {
  protected schema(change: SchemaChange): void {
    if (change(sqliteCompiler.schema).toSQL().some((statement) => 'output' in statement || 'statementsProducer' in statement)) {
      throw new Error(`${this.constructor.name}: SQLite can make this change only by rebuilding the table; write it with addSql`);
    }
    const connected = this.getKnex();
    for (const { sql, bindings } of change(connected.schema).toSQL()) {
      // Inlining empty bindings would misread a literal `?` (a default value) as a placeholder.
      this.addSql(bindings.length > 0 ? connected.raw(sql, bindings).toQuery() : sql);
    }
  }
}

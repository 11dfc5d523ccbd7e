import type { Knex } from '@mikro-orm/knex';

/**
 * Ids bound in one statement at most. SQLite takes up to 32,766 bound values and PostgreSQL
 * 65,535, with a few more values beside the ids; a claim of this many rows or fewer takes one
 * statement per step, a larger run of a paced subscription (batchSize has no upper bound) more.
 */
export const MAX_IDS_PER_STATEMENT = 10_000;

/** `?, ?, …`: one placeholder for each value of a list. */
export const placeholders = (count: number): string => Array.from({ length: count }, () => '?').join(', ');

/** `ids` in slices of at most MAX_IDS_PER_STATEMENT, none if there are no ids. */
export function idSlices(ids: readonly string[]): string[][] {
  const slices: string[][] = [];
  for (let start = 0; start < ids.length; start += MAX_IDS_PER_STATEMENT) slices.push(ids.slice(start, start + MAX_IDS_PER_STATEMENT));
  return slices;
}

/** The rows a SELECT returns. SQLite's driver answers the rows themselves, pg a result holding them. */
export async function selectRows<Row>(knex: Knex, sql: string, bindings: readonly unknown[]): Promise<Row[]> {
  const result = await knex.raw(sql, bindings as Knex.RawBinding[]);
  return Array.isArray(result) ? result : result.rows;
}

/** How many rows an UPDATE or DELETE changed. SQLite's driver reports `changes`, pg `rowCount`. */
export async function changedRows(knex: Knex, sql: string, bindings: readonly unknown[]): Promise<number> {
  const result = await knex.raw(sql, bindings as Knex.RawBinding[]);
  return Number(result.changes ?? result.rowCount);
}

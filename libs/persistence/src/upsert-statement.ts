/** One statement and its bound values. */
export interface Statement {
  readonly sql: string;
  readonly bindings: unknown[];
}

/**
 * `insert into <table> (…) values (…), (…) on conflict (<key>) do update set …` for many rows, in the
 * syntax SQLite and PostgreSQL share. `set` maps a column to its new value's SQL, where
 * `excluded.<column>` is the value offered; an empty `set` keeps the stored row (`do nothing`).
 * Hand-built because knex's builder costs more CPU than SQLite's insert itself. Every row has the
 * columns of the first, in the same order; names are trusted identifiers.
 */
export function upsertStatement(table: string, rows: readonly Record<string, unknown>[], key: readonly string[], set: Record<string, string>): Statement {
  const columns = Object.keys(rows[0]);
  const placeholders = `(${columns.map(() => '?').join(', ')})`;
  const assignments = Object.entries(set).map(([column, value]) => `${column} = ${value}`);
  const sql =
    `insert into ${table} (${columns.join(', ')}) values ${rows.map(() => placeholders).join(', ')}` +
    ` on conflict (${key.join(', ')}) do ${assignments.length === 0 ? 'nothing' : `update set ${assignments.join(', ')}`}`;
  return { sql, bindings: rows.flatMap((row) => columns.map((column) => row[column])) };
}

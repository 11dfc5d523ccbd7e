/** Where a service keeps its tables: an SQLite file (the local default) or a PostgreSQL database. */
export type DatabaseTarget =
  | { readonly dialect: 'sqlite'; readonly file: string }
  | { readonly dialect: 'postgresql'; readonly url: string; readonly database: string };

export const DATABASE_URL_RULE =
  'must be an SQLite file (sqlite:<path>, file:<path> or a plain path) or a PostgreSQL URL (postgres://… or postgresql://…)';

const SQLITE_SCHEME = /^(?:sqlite|file):(?:\/\/)?/i;
const POSTGRES_SCHEME = /^postgres(?:ql)?:\/\//i;
// Two letters at least, so a Windows drive (`C:\…`) still reads as a plain path.
const ANY_SCHEME = /^[a-z][a-z0-9+.-]+:/i;

/** Reads a `DATABASE_URL`; throws an Error whose message is the rule the value breaks. */
export function parseDatabaseUrl(value: string): DatabaseTarget {
  if (value.trim() === '') throw new Error(DATABASE_URL_RULE);
  if (POSTGRES_SCHEME.test(value)) return postgresTarget(value);
  if (SQLITE_SCHEME.test(value)) {
    const file = value.replace(SQLITE_SCHEME, '');
    if (file === '') throw new Error('must name the SQLite file after the scheme (sqlite:<path>)');
    return { dialect: 'sqlite', file };
  }
  if (ANY_SCHEME.test(value)) throw new Error(DATABASE_URL_RULE);
  return { dialect: 'sqlite', file: value };
}

function postgresTarget(value: string): DatabaseTarget {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error('must be a valid PostgreSQL URL (postgres://user:password@host:5432/database)');
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!url.hostname) throw new Error('must name the PostgreSQL host (postgres://user:password@host:5432/database)');
  if (!database || database.includes('/')) {
    throw new Error('must name one PostgreSQL database in its path (postgres://user:password@host:5432/database)');
  }
  return { dialect: 'postgresql', url: value, database };
}

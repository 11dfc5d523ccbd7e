import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseDatabaseUrl } from './database-url';

// SQLite creates its -wal, -shm and -journal files with the database file's permissions.
const SQLITE_FILES = ['', '-wal', '-shm', '-journal'];

/**
 * For an SQLite `DATABASE_URL`: creates the database file readable by the owner only (and its
 * directory, if new, open to the owner only) before the driver opens it, and narrows to the owner
 * the files an older version left readable by others. Nothing to do for PostgreSQL or `:memory:`.
 */
export function privateDatabaseFile(url: string): void {
  const target = parseDatabaseUrl(url);
  if (target.dialect !== 'sqlite' || target.file.startsWith(':memory:')) return;
  mkdirSync(path.dirname(target.file), { recursive: true, mode: 0o700 });
  closeSync(openSync(target.file, 'a', 0o600));
  for (const file of SQLITE_FILES.map((suffix) => `${target.file}${suffix}`)) {
    try {
      if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

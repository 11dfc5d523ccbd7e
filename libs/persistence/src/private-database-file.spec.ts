import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from './open-database';
import { privateDatabaseFile } from './private-database-file';

const mode = (file: string) => statSync(file).mode & 0o777;
const modes = (dir: string) => Object.fromEntries(readdirSync(dir).map((name) => [name, mode(path.join(dir, name))]));

describe('privateDatabaseFile', () => {
  const dir = () => mkdtempSync(path.join(tmpdir(), 'hookbus-db-'));

  it('gives a new SQLite database, its write-ahead log and shared memory to the owner only', async () => {
    const data = path.join(dir(), '.data');
    const db = await openDatabase({ url: `sqlite:${path.join(data, 'svc.sqlite')}`, entities: [], migrations: [] });
    try {
      await db.orm.em.getConnection().execute('create table t (a int)');
      await db.orm.em.getConnection().execute('insert into t values (1)');
      expect(mode(data)).toBe(0o700);
      expect(modes(data)).toEqual({ 'svc.sqlite': 0o600, 'svc.sqlite-wal': 0o600, 'svc.sqlite-shm': 0o600 });
    } finally {
      await db.close();
    }
  });

  it('narrows to the owner the files an older version left readable by others', () => {
    const data = dir();
    for (const name of ['svc.sqlite', 'svc.sqlite-wal', 'svc.sqlite-shm']) writeFileSync(path.join(data, name), '', { mode: 0o644 });
    privateDatabaseFile(path.join(data, 'svc.sqlite'));
    expect(modes(data)).toEqual({ 'svc.sqlite': 0o600, 'svc.sqlite-wal': 0o600, 'svc.sqlite-shm': 0o600 });
  });

  it('creates no file for an in-memory database or PostgreSQL', () => {
    const cwd = process.cwd();
    const empty = dir();
    process.chdir(empty);
    try {
      privateDatabaseFile(':memory:');
      privateDatabaseFile('postgres://db/hookbus');
      expect(readdirSync(empty)).toEqual([]);
    } finally {
      process.chdir(cwd);
    }
  });
});

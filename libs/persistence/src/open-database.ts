import { MikroORM } from '@mikro-orm/core';
import { migrate } from './migrate';
import { ormOptions } from './orm-options';
import type { PersistenceOptions } from './persistence-options';
import { privateDatabaseFile } from './private-database-file';

export interface OpenDatabase {
  readonly orm: MikroORM;
  /** The migrations this open applied (empty when the schema was current). */
  readonly applied: readonly string[];
  close(): Promise<void>;
}

/** Connects and migrates outside Nest (scripts, tests); the caller closes it. */
export async function openDatabase(options: PersistenceOptions): Promise<OpenDatabase> {
  privateDatabaseFile(options.url);
  const orm = await MikroORM.init(ormOptions(options));
  try {
    const applied = await migrate(orm);
    return { orm, applied, close: () => orm.close() };
  } catch (error) {
    await orm.close();
    throw error;
  }
}

import { LibSqlDriver } from '@mikro-orm/libsql';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { SchemaMigration } from './schema-migration';
import { ormOptions } from './orm-options';

class Noop extends SchemaMigration {
  override up(): void {
    this.addSql('select 1');
  }
}

describe('ormOptions', () => {
  it('opens an SQLite URL with the libsql driver on its file', () => {
    expect(ormOptions({ url: 'sqlite:.data/a.sqlite', entities: [], migrations: [] })).toMatchObject({
      driver: LibSqlDriver,
      dbName: '.data/a.sqlite',
    });
  });

  it('opens a PostgreSQL URL with the PostgreSQL driver, tagged with the service name', () => {
    const options = ormOptions({ url: 'postgres://db/hookbus', entities: [], migrations: [], name: 'retry-scheduler' });
    expect(options).toMatchObject({ driver: PostgreSqlDriver, clientUrl: 'postgres://db/hookbus' });
    expect(options.driverOptions).toEqual({ connection: { application_name: 'retry-scheduler' } });
  });

  it('takes the schema from the migrations list only', () => {
    const migrations = [{ name: '20250101000000-noop', class: Noop }];
    expect(ormOptions({ url: 'a.sqlite', entities: [], migrations })).toMatchObject({
      ensureDatabase: false,
      migrations: { migrationsList: migrations, snapshot: false },
      discovery: { disableDynamicFileAccess: true },
    });
  });

  it('refuses a migration listed twice', () => {
    const twice = [{ name: 'a', class: Noop }, { name: 'a', class: Noop }];
    expect(() => ormOptions({ url: 'a.sqlite', entities: [], migrations: twice })).toThrow('migration a is listed twice');
  });
});

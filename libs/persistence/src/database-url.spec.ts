import { DATABASE_URL_RULE, parseDatabaseUrl } from './database-url';

describe('parseDatabaseUrl', () => {
  it.each([
    ['.data/config-service.sqlite', '.data/config-service.sqlite'],
    ['/var/lib/hookbus/db.sqlite', '/var/lib/hookbus/db.sqlite'],
    ['C:\\hookbus\\db.sqlite', 'C:\\hookbus\\db.sqlite'],
    ['sqlite:.data/a.sqlite', '.data/a.sqlite'],
    ['sqlite:///tmp/a.sqlite', '/tmp/a.sqlite'],
    ['file:./a.sqlite', './a.sqlite'],
    ['file:///tmp/a.sqlite', '/tmp/a.sqlite'],
  ])('reads %s as the SQLite file %s', (url, file) => {
    expect(parseDatabaseUrl(url)).toEqual({ dialect: 'sqlite', file });
  });

  it.each(['postgres://hookbus:secret@db:5432/hookbus', 'postgresql://db/hookbus?sslmode=require'])(
    'reads %s as PostgreSQL, keeping the URL',
    (url) => {
      expect(parseDatabaseUrl(url)).toEqual({ dialect: 'postgresql', url, database: 'hookbus' });
    },
  );

  it.each([
    ['', DATABASE_URL_RULE],
    ['mysql://db/hookbus', DATABASE_URL_RULE],
    ['https://db/hookbus', DATABASE_URL_RULE],
    ['sqlite:', 'must name the SQLite file'],
    ['postgres://db', 'must name one PostgreSQL database'],
    ['postgres://db/a/b', 'must name one PostgreSQL database'],
    ['postgres://db:port/x', 'must be a valid PostgreSQL URL'],
  ])('refuses %j: %s', (url, rule) => {
    expect(() => parseDatabaseUrl(url)).toThrow(rule);
  });
});

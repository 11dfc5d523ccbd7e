import { z } from 'zod';
import { databaseEnv } from './database-env';

const schema = z.object(databaseEnv('.data/config-service.sqlite'));

describe('databaseEnv', () => {
  it('defaults to the service SQLite file under .data/', () => {
    expect(schema.parse({}).DATABASE_URL).toBe('.data/config-service.sqlite');
  });

  it('passes a PostgreSQL URL through unchanged', () => {
    const url = 'postgres://hookbus@db:5432/hookbus';
    expect(schema.parse({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
  });

  it('names the rule a bad value breaks, on the variable', () => {
    const result = schema.safeParse({ DATABASE_URL: 'mysql://db/hookbus' });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ['DATABASE_URL'], message: expect.stringMatching(/^must be an SQLite file .* or a PostgreSQL URL/) }),
    ]);
  });
});

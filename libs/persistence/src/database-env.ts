import { z } from 'zod';
import { parseDatabaseUrl } from './database-url';

/**
 * `DATABASE_URL` for a service's env schema (spread it beside `commonEnv`): an SQLite file by default,
 * so a service runs locally with nothing installed, or a `postgres://` URL. A bad value fails the
 * boot with the rule it breaks.
 */
export const databaseEnv = (defaultSqliteFile: string) => ({
  DATABASE_URL: z
    .string()
    .default(defaultSqliteFile)
    .superRefine((value, context) => {
      try {
        parseDatabaseUrl(value);
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }),
});

export type DatabaseEnv = z.output<z.ZodObject<ReturnType<typeof databaseEnv>>>;

import { z } from 'zod';
import { commonEnv } from '@hookbus/platform';

export const ingestEnvSchema = z.object({
  ...commonEnv(3002),
  INGEST_BODY_LIMIT: z.string().regex(/^\d+(kb|mb)$/, 'must be a size like 512kb or 5mb').default('5mb'),
});

export type IngestEnv = z.output<typeof ingestEnvSchema>;

/** INGEST_BODY_LIMIT in bytes, as body-parser counts it (1kb = 1,024 bytes). */
export function bodyLimitBytes(limit: string): number {
  const [, amount, unit] = /^(\d+)(kb|mb)$/.exec(limit) ?? [];
  if (amount === undefined) throw new Error(`not a size like 512kb or 5mb: ${limit}`);
  return Number(amount) * (unit === 'mb' ? 1024 * 1024 : 1024);
}

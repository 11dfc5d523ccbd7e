import { z } from 'zod';
import { commonEnv } from '@hookbus/platform';

export const ingestEnvSchema = z.object({
  ...commonEnv(3002),
  INGEST_BODY_LIMIT: z.string().regex(/^\d+(kb|mb)$/, 'must be a size like 512kb or 5mb').default('5mb'),
});

export type IngestEnv = z.output<typeof ingestEnvSchema>;

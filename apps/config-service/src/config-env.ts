import { z } from 'zod';
import { commonEnv } from '@hookbus/platform';

export const configEnvSchema = z.object(commonEnv(3001));

export type ConfigEnv = z.output<typeof configEnvSchema>;

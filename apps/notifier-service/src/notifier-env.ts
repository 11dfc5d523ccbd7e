import { z } from 'zod';
import { commonEnv } from '@hookbus/platform';

export const notifierEnvSchema = z.object(commonEnv(3005));

export type NotifierEnv = z.output<typeof notifierEnvSchema>;

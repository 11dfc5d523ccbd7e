import { z } from 'zod';
import { commonEnv } from '@hookbus/platform';

export const retrySchedulerEnvSchema = z.object(commonEnv(3004));

export type RetrySchedulerEnv = z.output<typeof retrySchedulerEnvSchema>;

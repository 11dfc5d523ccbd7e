import { z } from 'zod';
import { commonEnv } from '@hookbus/platform';

export const deliveryEnvSchema = z.object({
  ...commonEnv(3003),
  KAFKA_GROUP_ID: z.string().min(1).default('hookbus-delivery-service'),
});

export type DeliveryEnv = z.output<typeof deliveryEnvSchema>;

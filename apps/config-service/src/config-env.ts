import { z } from 'zod';
import { databaseEnv } from '@hookbus/persistence';
import { BACKGROUND_NICE, commonEnv, secretKeyEnv, secretString } from '@hookbus/platform';

const commaList = z
  .string()
  .default('')
  .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean));

export const configEnvSchema = z.object({
  ...commonEnv(3001, BACKGROUND_NICE),
  ...databaseEnv('.data/config-service.sqlite'),
  KAFKA_GROUP_ID: z.string().min(1).default('hookbus-config-service'),
  /** Operator token that creates tenants; generated into .data/ on a first local run when unset. */
  HOOKBUS_ADMIN_TOKEN: secretString().min(16, 'must be at least 16 characters').optional(),
  ...secretKeyEnv(),
  /** Destinations allowed despite being loopback/private, or plain HTTP where HTTPS is required. */
  HOOKBUS_EGRESS_ALLOW: commaList,
  CONFIG_BODY_LIMIT: z.string().regex(/^\d+(kb|mb)$/, 'must be a size like 256kb or 1mb').default('256kb'),
});

export type ConfigEnv = z.output<typeof configEnvSchema>;

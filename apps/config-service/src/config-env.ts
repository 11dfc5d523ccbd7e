import { z } from 'zod';
import { egressAllowVar } from '@hookbus/delivery-sdk';
import { databaseEnv } from '@hookbus/persistence';
import { BACKGROUND_NICE, commonEnv, operatorTokenEnv, secretKeyEnv } from '@hookbus/platform';
import { serviceUrlsVar } from './system/service-urls';

export const configEnvSchema = z.object({
  ...commonEnv(3001, BACKGROUND_NICE),
  ...databaseEnv('.data/config-service.sqlite'),
  KAFKA_GROUP_ID: z.string().min(1).default('hookbus-config-service'),
  ...operatorTokenEnv(),
  ...secretKeyEnv(),
  /** Destinations allowed despite being loopback/private, or plain HTTP where HTTPS is required. */
  HOOKBUS_EGRESS_ALLOW: egressAllowVar(),
  /** The services `GET /v1/system` probes besides config-service: `name=url,…`. */
  HOOKBUS_SERVICE_URLS: serviceUrlsVar(),
  CONFIG_BODY_LIMIT: z.string().regex(/^\d+(kb|mb)$/, 'must be a size like 256kb or 1mb').default('256kb'),
});

export type ConfigEnv = z.output<typeof configEnvSchema>;

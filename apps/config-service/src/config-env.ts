import { z } from 'zod';
import { egressAllowVar } from '@hookbus/egress';
import { databaseEnv } from '@hookbus/persistence';
import { BACKGROUND_NICE, baseUrlVar, commonEnv, consumerRetryEnv, intVar, operatorTokenEnv, secretKeyEnv } from '@hookbus/platform';
import { serviceUrlsVar } from './system/service-urls';

export const configEnvSchema = z.object({
  ...commonEnv(3001, BACKGROUND_NICE),
  ...databaseEnv('.data/config-service.sqlite'),
  ...consumerRetryEnv(10, 500),
  KAFKA_GROUP_ID: z.string().min(1).default('hookbus-config-service'),
  ...operatorTokenEnv(),
  ...secretKeyEnv(),
  /** Destinations allowed despite being loopback/private, or plain HTTP where HTTPS is required. */
  HOOKBUS_EGRESS_ALLOW: egressAllowVar(),
  /** Where people open the console, for the links config-service hands out; unset: `/console/` on the host a request reached. */
  HOOKBUS_CONSOLE_URL: baseUrlVar().optional(),
  /** The built console (index.html, assets/); unset: dist/apps/console beside this build. */
  HOOKBUS_CONSOLE_DIR: z.string().min(1).optional(),
  /** The services `GET /v1/system` probes besides config-service: `name=url,…`. */
  HOOKBUS_SERVICE_URLS: serviceUrlsVar(),
  /**
   * Days a delivery is kept after its last activity; one still pending or retrying is kept
   * whatever its age. At least 1: a log that keeps nothing would hide every failure.
   */
  DELIVERY_LOG_RETENTION_DAYS: intVar(1, 3_650, 30),
  CONFIG_BODY_LIMIT: z.string().regex(/^\d+(kb|mb)$/, 'must be a size like 256kb or 1mb').default('256kb'),
});

export type ConfigEnv = z.output<typeof configEnvSchema>;

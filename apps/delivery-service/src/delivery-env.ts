import { z } from 'zod';
import { egressAllowVar } from '@hookbus/delivery-sdk';
import { commonEnv, intVar, operatorTokenEnv, secretKeyEnv } from '@hookbus/platform';
import { AVAILABLE_VENDORS } from './plugins/available-plugins';

const commaList = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

export const deliveryEnvSchema = z.object({
  ...commonEnv(3003),
  KAFKA_GROUP_ID: z.string().min(1).default('hookbus-delivery-service'),
  ...operatorTokenEnv(),
  /** The keys config-service seals subscription secrets with. */
  ...secretKeyEnv(),
  /** Destinations the sender may reach although their address is not public; read as config-service reads it. */
  HOOKBUS_EGRESS_ALLOW: egressAllowVar(),
  /** Events one instance handles at once; same-subject events stay in order. */
  DELIVERY_MAX_IN_FLIGHT: intVar(1, 1_024, 64),
  /**
   * Retries one instance handles at once, on top of the events. Not above DELIVERY_MAX_PER_ENDPOINT
   * by default, so a paced batch released to one endpoint does not overflow that endpoint by itself.
   */
  DELIVERY_RETRY_MAX_IN_FLIGHT: intVar(1, 1_024, 16),
  /**
   * Attempts in flight to one endpoint (origin); beyond it a delivery goes to the retry path at once.
   * A quarter of the events' slots by default, so a hanging endpoint holds no more; and as many as
   * the sender's connections per origin, so no attempt waits for a socket while its timeout runs.
   */
  DELIVERY_MAX_PER_ENDPOINT: intVar(1, 512, 16),
  /**
   * How long an attempt's log record (or dead letter) waits to share a produce request with others.
   * It delays the offset commit, not the delivery; each request saved is a few hundred µs of CPU.
   */
  DELIVERY_PUBLISH_LINGER_MS: intVar(0, 100, 5),
  /** One deployment per vendor is possible: each loads only the plugins named here. */
  DELIVERY_PLUGINS: z
    .string()
    .default(AVAILABLE_VENDORS.join(','))
    .transform(commaList)
    .pipe(
      z
        .array(z.string())
        .min(1, 'must name at least one plugin')
        .superRefine((names, ctx) => {
          const unknown = names.filter((name) => !AVAILABLE_VENDORS.includes(name));
          if (unknown.length > 0) ctx.addIssue({ code: 'custom', message: `unknown plugin ${unknown.join(', ')}; known: ${AVAILABLE_VENDORS.join(', ')}` });
          const twice = names.filter((name, index) => names.indexOf(name) !== index);
          if (twice.length > 0) ctx.addIssue({ code: 'custom', message: `names ${twice.join(', ')} more than once` });
        }),
    ),
});

export type DeliveryEnv = z.output<typeof deliveryEnvSchema>;

import { z } from 'zod';
import { egressAllowVar } from '@hookbus/egress';
import { commonEnv, intVar, operatorTokenEnv, secretKeyEnv } from '@hookbus/platform';
import { AVAILABLE_VENDORS } from './plugins/available-plugins';

const commaList = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

const GROUP_ID = 'hookbus-delivery-service';

/**
 * The consumer group of a deployment hosting `plugins`. Deployments with different plugin sets must
 * not share a group: each would get part of the partitions and skip the others' plugins' events.
 */
export function defaultGroupId(plugins: readonly string[]): string {
  const hostsEvery = AVAILABLE_VENDORS.every((vendor) => plugins.includes(vendor));
  return hostsEvery ? GROUP_ID : [GROUP_ID, ...[...plugins].sort()].join('-');
}

const deliveryEnvShape = z.object({
  ...commonEnv(3003),
  /** Default: one group per set of plugins (see `defaultGroupId`). */
  KAFKA_GROUP_ID: z.string().min(1).optional(),
  ...operatorTokenEnv(),
  /** The keys config-service seals subscription secrets with. */
  ...secretKeyEnv(),
  /** Destinations the sender may reach although their address is not public; read as config-service reads it. */
  HOOKBUS_EGRESS_ALLOW: egressAllowVar(),
  /** Events one instance handles at once; same-subject events stay in order. */
  DELIVERY_MAX_IN_FLIGHT: intVar(1, 1_024, 64),
  /**
   * Deliveries of those events under way at once, however many subscriptions each fans out to (see
   * DeliveryBudget); above the events' slots, so events of one delivery each never wait for it.
   */
  DELIVERY_MAX_DELIVERIES_IN_FLIGHT: intVar(1, 16_384, 256),
  /** Retries one instance handles at once, on top of the events, so a released batch cannot hold up fresh events. */
  DELIVERY_RETRY_MAX_IN_FLIGHT: intVar(1, 1_024, 16),
  /**
   * The most attempts in flight to one endpoint (origin): its concurrency starts lower and grows up
   * to this while it answers quickly (see EndpointGate). Half the events' slots by default: enough
   * for one endpoint to take a burst about as fast as fifty share it, while a hanging one holds no
   * more. The sender keeps as many connections per origin, so no attempt waits for a socket while
   * its timeout runs.
   */
  DELIVERY_MAX_PER_ENDPOINT: intVar(1, 512, 32),
  /** Consecutive failures (no answer, a timeout, a 5xx) within a minute that open an endpoint's circuit. */
  DELIVERY_CIRCUIT_FAILURES: intVar(1, 1_000, 5),
  /** How long an open circuit stays open before a probe, doubling while probes fail (up to 5 minutes). */
  DELIVERY_CIRCUIT_COOL_DOWN_SECONDS: intVar(1, 300, 30),
  /**
   * How long an attempt's log record (or dead letter) waits to share a produce request with others;
   * once as many wait as events may be in flight, they go at once. The records' produce requests are
   * most of what an attempt costs beyond the send. It delays the commit, not the delivery, but the
   * subject's next event waits for it: longer would slow a busy subject.
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

export const deliveryEnvSchema = deliveryEnvShape.transform((env) => ({ ...env, KAFKA_GROUP_ID: env.KAFKA_GROUP_ID ?? defaultGroupId(env.DELIVERY_PLUGINS) }));

export type DeliveryEnv = z.output<typeof deliveryEnvSchema>;

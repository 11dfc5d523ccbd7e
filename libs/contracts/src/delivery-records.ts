import { hash } from 'node:crypto';
import { z } from 'zod';
import { cloudEventSchema } from './cloud-event';

export const DELIVERY_STATUSES = ['pending', 'delivered', 'retrying', 'failed', 'abandoned', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * A delivery is one event for one subscription. Its id is derived from both, so a redelivered or
 * re-published event maps to the same delivery, and receivers can dedupe on `webhook-id`.
 */
export function deliveryId(eventId: string, subscriptionId: string): string {
  // The one-shot hash: a third of createHash's cost on inputs this small, and it runs per delivery.
  const digest = hash('sha256', `${eventId}\u0000${subscriptionId}`, 'base64url');
  return `dlv_${digest.slice(0, 26)}`;
}

const deliveryRef = {
  deliveryId: z.string().min(1),
  eventId: z.string().min(1),
  subscriptionId: z.string().min(1),
  tenantId: z.string().min(1),
};

/**
 * The plugin and hook of the delivery's subscription, carried by dead-letter and retry records so
 * that the deployment hosting that plugin handles the retry even once the subscription is gone.
 * Absent on records written before they named them.
 */
const deliveryRoute = {
  plugin: z.string().min(1).optional(),
  hook: z.string().min(1).optional(),
};

const httpRequest = z.object({
  method: z.string(),
  url: z.string(),
  headers: z.record(z.string(), z.string()),
  body: z.string(),
});

/**
 * How many times an attempt was put off without being sent: its endpoint was not answering, paused
 * by a `Retry-After` or its circuit open, or its subscription's rate limit was reached. A put-off
 * attempt keeps its number (it uses up no retry); the count tells its releases apart.
 */
const deferrals = z.int().positive().optional();

/** W3C `traceparent` of the attempt that led to this record, while tracing: its spans link back to that attempt. */
const traceparent = z.string().optional();

export const CIRCUIT_STATES = ['closed', 'open', 'half-open'] as const;

/** An endpoint's flow control as delivery-service saw it: its concurrency limit then, and its circuit. */
export const endpointFlowV1 = z.object({
  concurrency: z.int().positive(),
  circuit: z.enum(CIRCUIT_STATES),
  /** While the circuit is open, or the endpoint paused by `Retry-After`: when it takes requests again. */
  until: z.iso.datetime().optional(),
});
export type EndpointFlowV1 = z.output<typeof endpointFlowV1>;

/**
 * `hookbus.deliveries.log.v1`: one record per attempt; headers carrying secrets are masked, and the
 * URL is shown by `maskedUrl`.
 */
export const deliveryAttemptRecordV1 = z.object({
  ...deliveryRef,
  /** The event's subject (order, payment or contact id), so the delivery log can be searched by it. */
  subject: z.string().min(1).max(256).optional(),
  plugin: z.string(),
  hook: z.string(),
  attempt: z.int().positive(),
  at: z.iso.datetime(),
  request: httpRequest,
  response: z.object({ status: z.int(), body: z.string() }).optional(),
  durationMs: z.number().nonnegative(),
  error: z.string().optional(),
  outcome: z.enum(DELIVERY_STATUSES),
  vendorMessage: z.string().optional(),
  /** The plugin judged the endpoint gone (410 Gone): config-service disables the subscription. */
  gone: z.literal(true).optional(),
  /** The event, on any outcome that did not deliver (retrying, failed, abandoned, cancelled): what a manual retry or recover sends again. */
  event: cloudEventSchema.optional(),
  /** On a `retrying` outcome: when the next attempt is due (retry-scheduler holds it until then). */
  dueAt: z.iso.datetime().optional(),
  /** How often this attempt was put off without being sent (see `deferrals` on a dead letter). */
  deferrals,
  /** The endpoint's flow control when the attempt was made or put off. */
  endpoint: endpointFlowV1.optional(),
});
export type DeliveryAttemptRecordV1 = z.output<typeof deliveryAttemptRecordV1>;

/** Pacing of a scheduled (batched) subscription, carried on its dead-letter records. */
export const batchInfoV1 = z.object({
  frequencyMinutes: z.int().min(1).max(1440),
  batchSize: z.int().positive(),
});

/** `hookbus.deliveries.dlq.v1`: a failed (or put-off) attempt held by the retry-scheduler until `dueAt`. */
export const deadLetterRecordV1 = z.object({
  ...deliveryRef,
  ...deliveryRoute,
  attempt: z.int().positive(),
  deferrals,
  dueAt: z.iso.datetime(),
  reason: z.string(),
  event: cloudEventSchema,
  batch: batchInfoV1.optional(),
  traceparent,
});
export type DeadLetterRecordV1 = z.output<typeof deadLetterRecordV1>;

/** `hookbus.deliveries.retry.v1`: a delivery that is due now, consumed by delivery-service. */
export const retryRecordV1 = z.object({
  ...deliveryRef,
  ...deliveryRoute,
  /** The attempt number the delivery-service is about to make. */
  attempt: z.int().positive(),
  deferrals,
  event: cloudEventSchema,
  manual: z.boolean().default(false),
  traceparent,
});
export type RetryRecordV1 = z.output<typeof retryRecordV1>;

export const NOTIFICATION_TYPES = ['delivery.failed', 'delivery.abandoned', 'subscription.disabled'] as const;

/**
 * `hookbus.notifications.v1`: something a subscription's contacts must be told by e-mail. It carries
 * everything the e-mail needs (recipients, vendor and its words, hook, endpoint), so the notifier keeps no
 * view of the subscriptions or the plugins.
 */
export const notificationRecordV1 = z.object({
  /** Derived from what it reports, so a redelivered or re-published record keeps its id (dedupe key). */
  id: z.string().min(1),
  type: z.enum(NOTIFICATION_TYPES),
  tenantId: z.string().min(1),
  subscriptionId: z.string().min(1),
  plugin: z.string().min(1),
  hook: z.string().min(1),
  /** The plugin's display name (its definition's `title`). Absent on older records: the e-mail names `plugin`. */
  vendorTitle: z.string().min(1).optional(),
  /** What the hook calls the event's subject (`Order`, `Payment`). Absent: `Subject`. */
  subjectLabel: z.string().min(1).optional(),
  /** The endpoint, as `maskedUrl` shows it (no credentials, secret query values masked). */
  url: z.string(),
  /** The subscription's error-notification addresses; empty means nobody is e-mailed. */
  recipients: z.array(z.email()).max(5),
  deliveryId: z.string().optional(),
  eventId: z.string().optional(),
  /** The order, payment or contact the event is about. */
  subject: z.string().optional(),
  attempt: z.int().positive().optional(),
  /** The receiver's HTTP status, when it answered. */
  httpStatus: z.int().optional(),
  reason: z.string(),
  /** The message the receiver gave (Komet `message`), kept verbatim. */
  vendorMessage: z.string().optional(),
  at: z.iso.datetime(),
});
export type NotificationRecordV1 = z.output<typeof notificationRecordV1>;

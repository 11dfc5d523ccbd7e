import { z } from 'zod';
import { DELIVERY_STATUSES, endpointFlowV1 } from '@hookbus/contracts';
import { pageOf } from '../page.schemas';
import { decodeCursor } from './delivery-cursor';

export const MAX_PAGE_SIZE = 100;

// An empty query parameter (`?subject=`) means "no filter", as a form would send it.
const optional = <S extends z.ZodType>(schema: S) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const instant = z.iso
  .datetime({ offset: true, error: 'must be an ISO 8601 date-time with a time zone, e.g. 2025-06-01T00:00:00Z' })
  .transform((value) => new Date(value));

/**
 * `GET /v1/deliveries` query: filters, a window of first attempts `[since, until)` (the window
 * recover takes), `cursor` (the previous page's `next`) and `limit`.
 */
export const listDeliveriesQuery = z.object({
  subscriptionId: optional(z.string().max(64)).describe('Only the deliveries to this subscription.'),
  eventId: optional(z.string().max(256)).describe('Only the deliveries of this event.'),
  subject: optional(z.string().max(256)).describe('Only the deliveries of events about this subject (order, payment or contact id).'),
  status: optional(z.enum(DELIVERY_STATUSES)).describe('Only the deliveries in this state.'),
  since: optional(instant).describe('Only the deliveries whose first attempt was at or after this instant.'),
  until: optional(instant).describe('Only the deliveries whose first attempt was before this instant.'),
  cursor: optional(
    z.string().transform((value, context) => {
      const cursor = decodeCursor(value);
      if (!cursor) context.addIssue({ code: 'custom', message: 'must be the `next` value of a previous page' });
      return cursor ?? z.NEVER;
    }),
  ).describe('The `next` value of the previous page.'),
  limit: optional(
    z
      .string()
      .regex(/^\d+$/, 'must be a whole number')
      .transform(Number)
      .pipe(z.int().min(1, 'must be at least 1').max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`)),
  ).describe(`Deliveries a page (default ${MAX_PAGE_SIZE}).`),
}).refine(({ since, until }) => !since || !until || since < until, { path: ['until'], message: 'must be after `since`' });

export type ListDeliveriesQuery = z.output<typeof listDeliveriesQuery>;

/** `POST /v1/deliveries/recover` body: the window of first attempts, `[since, until)`. */
export const recoverWindow = z
  .strictObject({
    since: instant,
    until: instant,
    subscriptionId: z.string().min(1).max(64).optional(),
  })
  .refine(({ since, until }) => since < until, { path: ['until'], message: 'must be after `since`' });

export type RecoverWindow = z.output<typeof recoverWindow>;

/** `POST /v1/deliveries/:id/retry`: the attempt queued (202); the log shows its outcome. */
export const retryView = z.strictObject({ deliveryId: z.string(), attempt: z.int().positive() });

/** `POST /v1/deliveries/recover`: how many deliveries of the window were retried, and how many were left alone, by reason. */
export const recoverView = z.strictObject({ retried: z.int().nonnegative(), skipped: z.record(z.string(), z.int().nonnegative()) });

const deliveryStatus = z.enum(DELIVERY_STATUSES);

/** A delivery as lists show it: everything but the attempts. */
export const deliverySummaryView = z.strictObject({
  id: z.string(),
  eventId: z.string(),
  subscriptionId: z.string(),
  subject: z.string().optional().describe('What the event is about (order, payment or contact id).'),
  plugin: z.string(),
  hook: z.string(),
  status: deliveryStatus.describe('The outcome of its highest-numbered attempt.'),
  attemptCount: z.int().positive(),
  vendorMessage: z.string().optional().describe('The receiver’s latest message, when it gave one.'),
  dueAt: z.iso.datetime().optional().describe('While `retrying`: when the next attempt is due.'),
  createdAt: z.iso.datetime().describe('When its first attempt was made.'),
  updatedAt: z.iso.datetime(),
});

/** DESIGN's attempt: `{n, at, request, response?, durationMs, error?, outcome}`, and how it was paced. */
export const attemptView = z.strictObject({
  n: z.int().positive(),
  at: z.iso.datetime(),
  request: z
    .strictObject({ method: z.string(), url: z.string(), headers: z.record(z.string(), z.string()), body: z.string() })
    .describe('As sent, secrets in the URL and headers masked.'),
  response: z.strictObject({ status: z.int(), body: z.string().describe('The first 16 KiB.') }).optional(),
  durationMs: z.number().nonnegative(),
  error: z.string().optional(),
  outcome: deliveryStatus,
  dueAt: z.iso.datetime().optional().describe('On a `retrying` attempt: when the next one is due.'),
  deferrals: z.int().positive().optional().describe('How often it was put off (endpoint not answering, circuit open, rate limit).'),
  endpoint: endpointFlowV1.optional().describe('The endpoint’s flow control when it was made or put off.'),
  vendorMessage: z.string().optional(),
});

/** Whether `POST /v1/deliveries/:id/retry` would take the delivery now, by the same rule, and if not why. */
export const retryPermissionView = z
  .discriminatedUnion('allowed', [
    z.strictObject({ allowed: z.literal(true) }),
    z.strictObject({ allowed: z.literal(false), reason: z.string().describe('Why not, e.g. `postback allows manual retry only for …`.') }),
  ])
  .describe('Whether a manual retry (Reconfirm) would be taken now; `reason` when not.');

export const deliveryDetailView = deliverySummaryView.extend({ attempts: z.array(attemptView), retry: retryPermissionView });

export const deliveryPage = pageOf(deliverySummaryView).describe('Newest first.');

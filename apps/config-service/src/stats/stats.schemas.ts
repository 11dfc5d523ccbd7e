import { z } from 'zod';
import { type Bucket, BUCKETS, bucketCount, DEFAULT_SPAN_MS, MAX_BUCKETS, type TimeWindow } from './stats-window';

export const MAX_FAILING_SUBSCRIPTIONS = 50;
export const DEFAULT_FAILING_SUBSCRIPTIONS = 5;
/** The failing-subscriptions window when `since` is not given: the default deliveries chart's day. */
const FAILING_DEFAULT_SPAN_MS = DEFAULT_SPAN_MS.hour;

type Clock = () => Date;

// An empty query parameter (`?since=`) means "not given", as a form would send it.
const optional = <S extends z.ZodType>(schema: S) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const instant = () =>
  optional(
    z.iso
      .datetime({ offset: true, error: 'must be an ISO 8601 date-time with a time zone, e.g. 2025-06-01T00:00:00Z' })
      .transform((value) => new Date(value)),
  );

/**
 * `[since, until)` with the defaults filled in: `until` is now, `since` is `span` before `until`.
 * The rule a window breaks is reported on the parameter the caller gave.
 */
function resolveWindow(
  query: { since?: Date; until?: Date },
  span: number,
  now: Clock,
  context: z.RefinementCtx,
): TimeWindow | undefined {
  const until = query.until ?? now();
  const since = query.since ?? new Date(until.getTime() - span);
  if (since < until) return { since, until };
  context.addIssue(
    query.until
      ? { code: 'custom', path: ['until'], message: 'must be after `since`' }
      : { code: 'custom', path: ['since'], message: 'must be before `until` (by default: now)' },
  );
  return undefined;
}

/** `GET /v1/stats/deliveries` query; the clock is the default `until` (tests pass their own). */
export const deliveryStatsQuery = (now: Clock = () => new Date()) =>
  z
    .object({
      since: instant(),
      until: instant(),
      bucket: optional(z.enum(BUCKETS, { error: `must be one of: ${BUCKETS.join(', ')}` })),
      subscriptionId: optional(z.string().max(64, 'must be at most 64 characters')),
    })
    .transform(({ since, until, bucket = 'hour', subscriptionId }, context) => {
      const window = resolveWindow({ since, until }, DEFAULT_SPAN_MS[bucket], now, context);
      if (!window) return z.NEVER;
      const buckets = bucketCount(window, bucket);
      if (buckets > MAX_BUCKETS) {
        context.addIssue({
          code: 'too_big',
          origin: 'number',
          maximum: MAX_BUCKETS,
          inclusive: true,
          input: buckets,
          path: ['since'],
          message: `the window from since to until holds ${buckets} ${bucket} buckets, at most ${MAX_BUCKETS}: move since closer to until${bucket === 'hour' ? ' or use bucket=day' : ''}`,
        });
        return z.NEVER;
      }
      return { window, bucket: bucket as Bucket, ...(subscriptionId ? { subscriptionId } : {}) };
    });

export type DeliveryStatsQuery = z.output<ReturnType<typeof deliveryStatsQuery>>;

/** `GET /v1/stats/failing-subscriptions` query; the window defaults to the last 24 hours. */
export const failingSubscriptionsQuery = (now: Clock = () => new Date()) =>
  z
    .object({
      since: instant(),
      until: instant(),
      limit: optional(
        z
          .string()
          .regex(/^\d+$/, 'must be a whole number')
          .transform(Number)
          .pipe(z.int().min(1, 'must be at least 1').max(MAX_FAILING_SUBSCRIPTIONS, `must be at most ${MAX_FAILING_SUBSCRIPTIONS}`)),
      ),
    })
    .transform(({ since, until, limit = DEFAULT_FAILING_SUBSCRIPTIONS }, context) => {
      const window = resolveWindow({ since, until }, FAILING_DEFAULT_SPAN_MS, now, context);
      return window ? { window, limit } : z.NEVER;
    });

export type FailingSubscriptionsQuery = z.output<ReturnType<typeof failingSubscriptionsQuery>>;

const count = () => z.int().min(0);

/** `GET /v1/stats/deliveries` answer, for the OpenAPI document (the console's client is generated from it). */
export const deliveryStatsResponse = z.object({
  buckets: z.array(
    z.object({
      start: z.iso.datetime().describe("the bucket's start (UTC)"),
      pending: count(),
      delivered: count(),
      retrying: count(),
      failed: count(),
      abandoned: count(),
      cancelled: count(),
    }),
  ),
});

/** `GET /v1/stats/failing-subscriptions` answer, for the OpenAPI document. */
export const failingSubscriptionsResponse = z.object({
  items: z.array(
    z.object({
      subscriptionId: z.string(),
      plugin: z.string(),
      hook: z.string(),
      failed: count().describe('deliveries of the window that ended failed or abandoned'),
      total: count().describe('deliveries of the window'),
    }),
  ),
});

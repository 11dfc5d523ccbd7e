import { z } from 'zod';
import { DELIVERY_STATUSES } from '@hookbus/contracts';
import { decodeCursor } from './delivery-cursor';

export const MAX_PAGE_SIZE = 100;

// An empty query parameter (`?subject=`) means "no filter", as a form would send it.
const optional = <S extends z.ZodType>(schema: S) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const instant = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

/**
 * `GET /v1/deliveries` query: filters, a window of first attempts `[since, until)` (the window
 * recover takes), `cursor` (the previous page's `next`) and `limit`.
 */
export const listDeliveriesQuery = z.object({
  subscriptionId: optional(z.string().max(64)),
  eventId: optional(z.string().max(256)),
  subject: optional(z.string().max(256)),
  status: optional(z.enum(DELIVERY_STATUSES)),
  since: optional(instant),
  until: optional(instant),
  cursor: optional(
    z.string().transform((value, context) => {
      const cursor = decodeCursor(value);
      if (!cursor) context.addIssue({ code: 'custom', message: 'must be the `next` value of a previous page' });
      return cursor ?? z.NEVER;
    }),
  ),
  limit: optional(
    z
      .string()
      .regex(/^\d+$/, 'must be a whole number')
      .transform(Number)
      .pipe(z.int().min(1, 'must be at least 1').max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`)),
  ),
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

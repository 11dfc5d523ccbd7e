import { z } from 'zod';
import { pageOf } from '../page.schemas';

export const MAX_QUARANTINE_PAGE = 100;
/** Ids one replay request may name. */
export const MAX_REPLAY_IDS = 1000;

const optional = <S extends z.ZodType>(schema: S) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const instant = z.iso
  .datetime({ offset: true, error: 'must be an ISO 8601 date-time with a time zone, e.g. 2025-06-01T00:00:00Z' })
  .transform((value) => new Date(value));

/** A quarantined message's id: `<partition>:<offset>` on the quarantine topic. */
export const quarantineId = z.string().regex(/^\d{1,5}:\d{1,19}$/, 'must be `<partition>:<offset>`, e.g. 0:42');

const topic = z.string().min(1).max(249).describe('Only messages quarantined from this topic (its contract name).');
const afterSince = (value: { since?: Date; until?: Date }) => !value.since || !value.until || value.since < value.until;

/** `GET /v1/quarantine` query: the window `[since, until)` of quarantine time, an original topic, a page. */
export const listQuarantineQuery = z
  .object({
    topic: optional(topic),
    since: optional(instant).describe('Only messages quarantined at or after this instant.'),
    until: optional(instant).describe('Only messages quarantined before this instant.'),
    cursor: optional(quarantineId).describe('The `next` value of the previous page.'),
    limit: optional(
      z
        .string()
        .regex(/^\d+$/, 'must be a whole number')
        .transform(Number)
        .pipe(z.int().min(1, 'must be at least 1').max(MAX_QUARANTINE_PAGE, `must be at most ${MAX_QUARANTINE_PAGE}`)),
    ).describe(`Messages a page (default ${MAX_QUARANTINE_PAGE}).`),
  })
  .refine(afterSince, { path: ['until'], message: 'must be after `since`' });

export type ListQuarantineQuery = z.output<typeof listQuarantineQuery>;

/** `POST /v1/quarantine/replay` body: chosen ids, or every message of a topic quarantined in `[since, until)`. */
export const replayRequest = z
  .strictObject({
    ids: z.array(quarantineId).min(1, 'must name at least one id').max(MAX_REPLAY_IDS, `must name at most ${MAX_REPLAY_IDS} ids`).optional(),
    topic: topic.optional(),
    since: instant.optional(),
    until: instant.optional(),
  })
  .superRefine((body, context) => {
    const window = body.topic !== undefined || body.since !== undefined || body.until !== undefined;
    if (body.ids && window) context.addIssue({ code: 'custom', path: ['ids'], message: 'must not be given with `topic`, `since` and `until`' });
    if (body.ids) return;
    for (const field of ['topic', 'since', 'until'] as const) {
      if (body[field] === undefined) context.addIssue({ code: 'custom', path: [field], message: 'is required when no `ids` are given' });
    }
    if (!afterSince(body)) context.addIssue({ code: 'custom', path: ['until'], message: 'must be after `since`' });
  });

export type ReplayRequest = z.output<typeof replayRequest>;

export const quarantinedMessageView = z.strictObject({
  id: z.string().describe('`<partition>:<offset>` on the quarantine topic.'),
  source: z
    .strictObject({ topic: z.string(), partition: z.int(), offset: z.string() })
    .optional()
    .describe('Where it was consumed from; absent when its source header is missing or unreadable.'),
  key: z.string().nullable(),
  reason: z.string().optional(),
  group: z.string().optional().describe('The consumer group that quarantined it.'),
  attempts: z.int().optional(),
  quarantinedAt: z.iso.datetime(),
  size: z.int().nonnegative().describe('Bytes of its value.'),
  preview: z.string().describe('The start of its value as UTF-8, cut short.'),
  replayedAt: z.iso.datetime().optional().describe('When it was put back on its topic.'),
});

export const quarantinePage = pageOf(quarantinedMessageView);

const ids = z.array(z.string());

/** What a replay did with each message it was asked for. */
export const replayView = z.strictObject({
  replayed: ids.describe('Published again to their original topic by this request.'),
  skipped: ids.describe('Already replayed, or being replayed by a concurrent request.'),
  notFound: ids.describe('No such message on the quarantine topic (past retention), or no readable source.'),
});

export type ReplayView = z.output<typeof replayView>;

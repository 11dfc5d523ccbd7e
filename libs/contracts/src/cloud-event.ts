import { z } from 'zod';
import { EVENT_TYPES, EventTypes } from './event-types';
import { toIssues, type Validated } from './validation';

export const ORIGINS = ['admin', 'shop', 'funnel'] as const;
export type Origin = (typeof ORIGINS)[number];

/** CloudEvents 1.0 structured JSON with the hookbus extensions `tenantid` and `origin`. */
export const cloudEventSchema = z.looseObject({
  specversion: z.literal('1.0'),
  id: z.string().min(1).max(256),
  source: z.string().min(1),
  type: z.enum(EVENT_TYPES),
  time: z.iso.datetime({ offset: true }),
  subject: z.string().min(1).max(256),
  datacontenttype: z.string().optional(),
  tenantid: z.string().min(1).max(128),
  origin: z.enum(ORIGINS).optional(),
  data: z.unknown(),
});

export type HookbusEvent = z.output<typeof cloudEventSchema>;

export const CLOUDEVENTS_CONTENT_TYPE = 'application/cloudevents+json';

/** Validates the envelope, then `data` against the schema of the event's type. */
export function parseCloudEvent(input: unknown): Validated<HookbusEvent> {
  const envelope = cloudEventSchema.safeParse(input);
  if (!envelope.success) return { ok: false, issues: toIssues(envelope.error) };
  const data = EventTypes[envelope.data.type].data.safeParse(envelope.data.data);
  if (!data.success) return { ok: false, issues: toIssues(data.error, ['data']) };
  return { ok: true, value: { ...envelope.data, data: data.data } };
}

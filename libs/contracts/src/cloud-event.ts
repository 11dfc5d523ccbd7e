import { z } from 'zod';
import { EVENT_TYPES, EventTypes } from './event-types';
import { nestsDeeperThan } from './json-depth';
import { toIssues, type Validated } from './validation';

export const ORIGINS = ['admin', 'shop', 'funnel'] as const;
export type Origin = (typeof ORIGINS)[number];

/** W3C trace-context `traceparent`: version, trace id, parent span id and flags, in lower-case hex. */
const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/**
 * CloudEvents 1.0 structured JSON with the hookbus extensions `tenantid` and `origin`, and the
 * distributed-tracing extension (`traceparent`, `tracestate`): the trace the event belongs to.
 */
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
  traceparent: z.string().regex(TRACEPARENT, 'must be a W3C traceparent: 2-32-16-2 lower-case hex digits joined by dashes').optional(),
  tracestate: z.string().max(512).optional(),
  data: z.unknown(),
});

export type HookbusEvent = z.output<typeof cloudEventSchema>;

export const CLOUDEVENTS_CONTENT_TYPE = 'application/cloudevents+json';

/**
 * The largest event, as structured JSON, that hookbus accepts. Its worst record, a failed attempt's
 * log entry, holds the event, the request body made from it (escaped once more as a string) and up to
 * 16 KiB of the reply: about three times this, which stays under the broker's 1 MB message limit.
 */
export const MAX_EVENT_BYTES = 256 * 1024;

/** How deep `data` may nest objects and arrays. */
export const MAX_DATA_DEPTH = 64;

// The events parseCloudEvent returned: their data already passed their type's schema.
const validated = new WeakSet<HookbusEvent>();

/**
 * Whether `event` is one parseCloudEvent returned, so its `data` is already its type's schema's
 * output (those schemas transform nothing, so parsing that output again yields it unchanged).
 */
export const hasValidatedData = (event: HookbusEvent): boolean => validated.has(event);

/** Validates the envelope, then `data` against the schema of the event's type. */
export function parseCloudEvent(input: unknown): Validated<HookbusEvent> {
  const envelope = cloudEventSchema.safeParse(input);
  if (!envelope.success) return { ok: false, issues: toIssues(envelope.error) };
  if (nestsDeeperThan(envelope.data.data, MAX_DATA_DEPTH)) {
    return { ok: false, issues: [{ field: 'data', rule: 'max_depth', message: `must not nest objects or arrays deeper than ${MAX_DATA_DEPTH} levels` }] };
  }
  const data = EventTypes[envelope.data.type].data.safeParse(envelope.data.data);
  if (!data.success) return { ok: false, issues: toIssues(data.error, ['data']) };
  const value = { ...envelope.data, data: data.data };
  validated.add(value);
  return { ok: true, value };
}

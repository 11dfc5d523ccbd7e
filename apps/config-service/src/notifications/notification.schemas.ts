import { type EventType, NOTIFICATION_EVENT_TYPES, type NotificationEventType, ORIGINS, refineUnique, ruleIssue, zodIssues } from '@hookbus/contracts';
import { retryPolicySchema } from '@hookbus/delivery-sdk';
import { ProblemException } from '@hookbus/platform';
import { z } from 'zod';
import { listOf, pageOf } from '../page.schemas';

export const isNotificationEvent = (type: string): type is NotificationEventType => (NOTIFICATION_EVENT_TYPES as readonly string[]).includes(type);

/** `PUT /v1/notification-events`: a partial map of event → on/off; each field is checked on its own. */
export const eventTogglesSchema = z
  .record(z.string(), z.unknown(), { error: 'must be an object of event types to true or false' })
  .superRefine((toggles, ctx) => {
    for (const [type, enabled] of Object.entries(toggles)) {
      if (!isNotificationEvent(type)) {
        ctx.addIssue(ruleIssue('unknown_event', `is not a notification event; valid: ${NOTIFICATION_EVENT_TYPES.join(', ')}`, [type]));
      } else if (typeof enabled !== 'boolean') {
        ctx.addIssue(ruleIssue('invalid_type', 'must be true or false', [type]));
      }
    }
  })
  .transform((toggles) => new Map(Object.entries(toggles) as [EventType, boolean][]));

/** `PUT /v1/notification-events/:type/channels/:channelId`. Sources are required: a link says what it wants. */
export const linkSchema = z.strictObject({
  sources: z
    .array(z.enum(ORIGINS, { error: `must be one of: ${ORIGINS.join(', ')}` }), {
      error: (issue) => (issue.input === undefined ? 'is required' : 'must be an array of sources'),
    })
    .min(1, 'must name at least one source')
    .superRefine(refineUnique()),
});

const nameSchema = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters');

// `url` and `retryPolicy` are checked by the postback plugin's own rules (see NotificationChannelsService).
export const channelInputSchema = z.strictObject({
  name: nameSchema,
  url: z.unknown(),
  retryPolicy: z.unknown().optional(),
});

/** `retryPolicy: null` returns the channel to the plugin's default delays. */
export const channelPatchSchema = z.strictObject({
  name: nameSchema.optional(),
  url: z.unknown().optional(),
  retryPolicy: z.unknown().optional(),
});

/** Parses a body or throws a 400 problem naming each field and rule. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw ProblemException.invalid(zodIssues(result.error));
  return result.data;
}

/** A channel as the API shows it: DESIGN's `{id, name, url, retryPolicy?}` and timestamps. */
export const channelView = z.strictObject({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  retryPolicy: retryPolicySchema.optional().describe('Replaces the postback plugin’s retry delays; absent: the plugin’s own.'),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export type ChannelView = z.output<typeof channelView>;

export const channelPage = pageOf(channelView);

const notificationEventType = z.enum(NOTIFICATION_EVENT_TYPES);
const sources = z.array(z.enum(ORIGINS));

/** One notification event of a tenant: its toggle and the channels linked to it. */
export const notificationEventView = z.strictObject({
  type: notificationEventType,
  enabled: z.boolean(),
  channels: z.array(
    z.strictObject({
      channelId: z.string(),
      sources,
      subscriptionId: z.string().describe('The postback subscription that delivers this link.'),
    }),
  ),
});

export type NotificationEventView = z.output<typeof notificationEventView>;

/** `GET|PUT /v1/notification-events`: all 10 events, in a fixed order. */
export const notificationEventList = listOf(notificationEventView);

/** `PUT /v1/notification-events/:type/channels/:channelId`: the link as stored. */
export const linkView = z.strictObject({
  type: notificationEventType,
  channelId: z.string(),
  sources,
  enabled: z.boolean().describe('Whether the event is on, so the link delivers.'),
  subscriptionId: z.string().describe('The postback subscription that delivers this link.'),
  signingSecret: z.string().optional().describe('The signing secret of the link’s subscription, shown only when it was created.'),
});

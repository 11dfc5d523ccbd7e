import { type EventType, NOTIFICATION_EVENT_TYPES, ORIGINS } from '@hookbus/contracts';
import { refineUnique, ruleIssue, zodIssues } from '@hookbus/delivery-sdk';
import { ProblemException } from '@hookbus/platform';
import { z } from 'zod';

export const isNotificationEvent = (type: string): type is EventType => (NOTIFICATION_EVENT_TYPES as string[]).includes(type);

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

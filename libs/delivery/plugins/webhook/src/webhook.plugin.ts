import { EVENT_TYPES, refineUnique } from '@hookbus/contracts';
import { DEFAULT_DELIVERY_TIMEOUT_MS, defaultClassify, type DeliverablePlugin } from '@hookbus/delivery-sdk';
import { z } from 'zod';
import { cloudEventRequest } from './cloud-event-request';
import { eventTypeEntrySchema, eventTypeMatches } from './event-type-patterns';

/** What a subscription's `settings` may hold: strict, so a misspelt setting is refused, not ignored. */
export const webhookSettingsSchema = z.strictObject({
  /** The event types delivered: exact names or `prefix.*` patterns. */
  eventTypes: z.array(eventTypeEntrySchema).min(1, 'must name at least one event type').superRefine(refineUnique()),
  /** The CloudEvents HTTP binding's mode: the whole event in the body, or attributes as `ce-*` headers. */
  mode: z.enum(['structured', 'binary']).default('structured'),
});

/** 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h: what receivers of Svix-style webhooks expect. */
export const WEBHOOK_RETRY_DELAYS_SECONDS = [5, 300, 1_800, 7_200, 18_000, 36_000, 36_000];

/**
 * The generic webhook: any event type a subscription picks, as a CloudEvent in the CloudEvents HTTP
 * binding, signed with Standard Webhooks like every plugin.
 */
export const webhookPlugin: DeliverablePlugin<typeof webhookSettingsSchema> = {
  vendor: 'webhook',
  title: 'Webhook (CloudEvents)',
  // One hook takes every event type; `settings.eventTypes` narrows it per subscription.
  hooks: [{ name: 'events', eventTypes: EVENT_TYPES }],
  methods: ['POST'],
  defaultMethod: 'POST',
  authTypes: ['none', 'basic', 'bearer'],
  settingsSchema: webhookSettingsSchema,
  retry: { delaysSeconds: WEBHOOK_RETRY_DELAYS_SECONDS },
  timeoutMs: DEFAULT_DELIVERY_TIMEOUT_MS,
  matches: (event, subscription) => subscription.settings.eventTypes.some((entry) => eventTypeMatches(entry, event.type)),
  render: (event, subscription) => cloudEventRequest(event, subscription, subscription.settings.mode),
  // Any 2xx delivered; 408, 429, 5xx and transport errors retried (honouring Retry-After); 410 fails
  // and disables the subscription; any other status fails at once.
  classify: defaultClassify,
};

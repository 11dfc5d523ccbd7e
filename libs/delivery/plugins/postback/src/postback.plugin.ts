import { type EventType, type HookbusEvent, NOTIFICATION_EVENT_TYPES, ORIGINS, refineUnique } from '@hookbus/contracts';
import {
  defaultClassify,
  type Classification,
  type ClassifyContext,
  type DeliverablePlugin,
  type DeliveryOutcome,
  type Subscription,
} from '@hookbus/delivery-sdk';
import { z } from 'zod';
import { renderPostback } from './postback-request';

/** A postback that takes longer is failed, and a timeout is not retried automatically. */
export const POSTBACK_TIMEOUT_MS = 30_000;

/** Once automatic retries are exhausted, only these events may be retried by hand (others: 409). */
export const MANUAL_RETRY_EVENTS: readonly EventType[] = [
  'order.completed',
  'transaction.approved',
  'transaction.declined',
  'refund.applied',
];

export const postbackSettingsSchema = z.strictObject({
  /** The origins (`admin`, `shop`, `funnel`) whose events this link delivers. */
  sources: z
    .array(z.enum(ORIGINS))
    .min(1, 'must name at least one source')
    .superRefine(refineUnique())
    .default([...ORIGINS]),
});

export type PostbackSettings = z.output<typeof postbackSettingsSchema>;

/** System notifications: one hook per notification event, each a channel/event link. */
export const postbackPlugin: DeliverablePlugin<typeof postbackSettingsSchema> = {
  vendor: 'postback',
  title: 'Postback notifications',
  // A channel links to one notification event: the hook is named after it (the subject stays "Subject").
  hooks: NOTIFICATION_EVENT_TYPES.map((type) => ({ name: type, eventTypes: [type] })),
  methods: ['POST'],
  defaultMethod: 'POST',
  // `token` is Komet's header; channels use Basic or Bearer when their endpoint needs auth.
  authTypes: ['none', 'basic', 'bearer'],
  settingsSchema: postbackSettingsSchema,
  // At most 3 retries, on 408, 429 and 5xx only (see classifyPostback).
  retry: { delaysSeconds: [60, 300, 900] },
  manualRetryHooks: MANUAL_RETRY_EVENTS,
  timeoutMs: POSTBACK_TIMEOUT_MS,
  matches: matchesPostbackSources,
  render: renderPostback,
  classify: classifyPostback,
};

/**
 * The event's origin must be one of the link's sources. An event without an origin cannot be
 * placed, so it reaches only links that take every source (the default): a link narrowed to some
 * sources asked to hear about those alone.
 */
export function matchesPostbackSources(event: HookbusEvent, { settings }: Subscription<PostbackSettings>): boolean {
  if (event.origin === undefined) return ORIGINS.every((origin) => settings.sources.includes(origin));
  return settings.sources.includes(event.origin);
}

/**
 * 2xx delivered; 408, 429 and 5xx retried (honouring `Retry-After`); 410 gone; every other code
 * fails at once. A timeout fails and is not retried (the vendor's rule: a manual retry is the way
 * back), and so does every other transport error, since only those three codes earn a retry.
 */
export function classifyPostback(outcome: DeliveryOutcome, context?: Pick<ClassifyContext, 'now'>): Classification {
  if (outcome.kind === 'error') {
    if (outcome.error === 'timeout') return { result: 'failed', reason: `timeout: no response within ${POSTBACK_TIMEOUT_MS / 1000} s` };
    return { result: 'failed', reason: `${outcome.error}: ${outcome.message}` };
  }
  return defaultClassify(outcome, context);
}

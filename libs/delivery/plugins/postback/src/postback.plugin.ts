import { ORIGINS, type EventType } from '@hookbus/contracts';
import { refineUnique, routedHooks, type DeliveryPluginDefinition } from '@hookbus/delivery-sdk';
import { z } from 'zod';

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

/** System notifications: one hook per notification event, each a channel/event link. */
export const postbackPlugin: DeliveryPluginDefinition<typeof postbackSettingsSchema> = {
  vendor: 'postback',
  title: 'Postback notifications',
  // Hook name = event type (contracts' NOTIFICATION_EVENT_TYPES).
  hooks: routedHooks('postback'),
  methods: ['POST'],
  defaultMethod: 'POST',
  // `token` is Komet's header; channels use Basic or Bearer when their endpoint needs auth.
  authTypes: ['none', 'basic', 'bearer'],
  settingsSchema: postbackSettingsSchema,
  // At most 3 retries, on 408, 429 and 5xx only (classification arrives with delivery).
  retry: { delaysSeconds: [60, 300, 900] },
};

import { issue, isEgressAllowed, routedHooks, type DeliveryPluginDefinition } from '@hookbus/delivery-sdk';
import { z } from 'zod';

export const komerceSettingsSchema = z.strictObject({
  /** Consecutive exhausted deliveries after which the subscription is deactivated (410 Gone: at once). */
  deactivateAfterFailures: z.int().min(1).max(100).default(5),
});

/** Komerce delivery orders: shipment status changes as `{order_no, cnote, status}`. */
export const komercePlugin: DeliveryPluginDefinition<typeof komerceSettingsSchema> = {
  vendor: 'komerce',
  title: 'Komerce',
  hooks: routedHooks('komerce'),
  methods: ['POST', 'PUT'],
  defaultMethod: 'POST',
  // `token` is Komet's header, meaningless to a Komerce receiver.
  authTypes: ['none', 'basic', 'bearer'],
  settingsSchema: komerceSettingsSchema,
  retry: { delaysSeconds: [60, 300, 900] },
  check: (subscription, context) =>
    new URL(subscription.url).protocol === 'https:' || isEgressAllowed(subscription.url, context.egressAllow)
      ? []
      : [issue('url', 'https_required', 'must use https unless its host is allow-listed in HOOKBUS_EGRESS_ALLOW')],
};

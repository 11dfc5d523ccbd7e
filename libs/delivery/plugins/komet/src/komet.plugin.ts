import { routedHooks, type DeliveryPluginDefinition } from '@hookbus/delivery-sdk';
import { z } from 'zod';

export const kometSettingsSchema = z.strictObject({});

/** Komet Sales: order confirmation/cancellation and payment cancellation, POSTed as JSON. */
export const kometPlugin: DeliveryPluginDefinition<typeof kometSettingsSchema> = {
  vendor: 'komet',
  title: 'Komet Sales',
  hooks: routedHooks('komet'),
  methods: ['POST'],
  defaultMethod: 'POST',
  // `token` is Komet's `authenticationToken` header (at most 50 characters, enforced by the SDK).
  authTypes: ['none', 'token', 'basic', 'bearer'],
  settingsSchema: kometSettingsSchema,
  // Transport failures only (a status-0 answer is final): five retries over about 1 h 45 min ride
  // out a receiver restart or deploy, yet a real outage reaches the error e-mail the same morning,
  // since salespeople then reconfirm the orders by hand.
  retry: { delaysSeconds: [30, 120, 600, 1800, 3600] },
};

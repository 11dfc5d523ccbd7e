import { z } from 'zod';
import { SUBSCRIPTION_STATUSES } from '@hookbus/contracts';
import { HTTP_METHODS, rateLimitSchema, retryPolicySchema } from '@hookbus/delivery-sdk';
import { pageOf } from '../page.schemas';
import { MASK } from './subscription-secrets';

const masked = z.literal(MASK).describe('Secrets are never shown.');

/** `auth` as the API shows it: the kind and the user name, never a secret. */
export const maskedAuthView = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('none') }),
  z.strictObject({ type: z.literal('token'), token: masked }),
  z.strictObject({ type: z.literal('basic'), username: z.string(), password: masked }),
  z.strictObject({ type: z.literal('bearer'), token: masked }),
]);

export type MaskedAuth = z.output<typeof maskedAuthView>;

/** A subscription as `/v1/subscriptions` and `PUT /webhook` answer it (see `toView`). */
export const subscriptionView = z.strictObject({
  id: z.string(),
  plugin: z.string(),
  hook: z.string(),
  url: z.string(),
  method: z.enum(HTTP_METHODS),
  enabled: z.boolean(),
  auth: maskedAuthView,
  errorEmails: z.array(z.string()),
  settings: z.record(z.string(), z.unknown()).describe('The plugin’s settings with its defaults filled in (see GET /v1/plugins).'),
  retryPolicy: retryPolicySchema.optional().describe('Replaces the plugin’s retry delays; absent: the plugin’s own.'),
  rateLimit: rateLimitSchema.optional().describe('Deliveries are paced to at most `perSecond`; absent: not paced.'),
  status: z.enum(SUBSCRIPTION_STATUSES),
  version: z.int().nonnegative().describe('Increases with every change; the snapshot on the stream carries the same number.'),
  disabledReason: z.string().optional().describe('Why hookbus disabled it (e.g. the endpoint answered 410 Gone).'),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export type SubscriptionView = z.output<typeof subscriptionView>;

/** On create and on `rotate-secret`: the subscription and its new signing secret, shown this once. */
export const subscriptionWithSecretView = subscriptionView.extend({
  signingSecret: z.string().describe('The Standard Webhooks secret (`whsec_…`); shown only in this answer.'),
});

export const subscriptionPage = pageOf(subscriptionView);

/** `POST /v1/subscriptions/:id/test`: the sample delivery, queued; its attempt shows in /v1/deliveries. */
export const testDeliveryView = z.strictObject({ deliveryId: z.string(), eventId: z.string() });

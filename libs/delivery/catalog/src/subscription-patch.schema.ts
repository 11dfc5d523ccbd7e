import { ruleIssue } from '@hookbus/contracts';
import { rateLimitSchema, retryPolicySchema, subscriptionInputSchema } from '@hookbus/delivery-sdk';
import { z } from 'zod';

const fields = subscriptionInputSchema.shape;

const immutable = z
  .unknown()
  .superRefine((_value, ctx) => {
    ctx.addIssue(ruleIssue('immutable', 'cannot be changed; create a new subscription instead'));
  })
  .optional();

/**
 * Body of `PATCH /v1/subscriptions/:id`: the fields of `POST`, each optional. Given fields replace
 * the stored ones, except `settings`, which is merged key by key (a `null` setting falls back to
 * its default); `retryPolicy: null` returns to the plugin's default delays, `rateLimit: null` lifts
 * the rate limit. `plugin` and `hook` are refused (rule `immutable`).
 */
export const subscriptionPatchSchema = z.strictObject({
  plugin: immutable,
  hook: immutable,
  url: fields.url.optional(),
  method: fields.method,
  enabled: z.boolean().optional(),
  auth: fields.auth.unwrap().optional(),
  errorEmails: fields.errorEmails.unwrap().optional(),
  settings: fields.settings.unwrap().optional(),
  retryPolicy: retryPolicySchema.nullable().optional(),
  rateLimit: rateLimitSchema.nullable().optional(),
});

export type SubscriptionPatch = z.output<typeof subscriptionPatchSchema>;

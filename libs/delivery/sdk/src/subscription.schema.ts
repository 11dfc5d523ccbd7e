import { refineUnique, ruleIssue } from '@hookbus/contracts';
import { z } from 'zod';
import { parseUrl } from './parse-url';
import { subscriptionAuthSchema } from './subscription-auth.schema';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export const MAX_ERROR_EMAILS = 5;
export const MAX_RETRY_DELAY_SECONDS = 86_400;

const requiredString = () =>
  z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') });

const urlSchema = requiredString()
  .max(2048, 'must be at most 2048 characters')
  .superRefine((text, ctx) => {
    const url = parseUrl(text);
    if (!url || !['http:', 'https:'].includes(url.protocol)) {
      ctx.addIssue(ruleIssue('invalid_url', 'must be an absolute http(s) URL'));
    } else if (url.username || url.password) {
      // Credentials in a URL end up in logs; `auth` keeps them encrypted and masked.
      ctx.addIssue(ruleIssue('url_credentials', 'must not contain credentials; use auth instead'));
    }
  });

const methodSchema = z.enum(HTTP_METHODS, { error: `must be one of: ${HTTP_METHODS.join(', ')}` });

const errorEmailsSchema = z
  .array(z.email({ error: 'must be a valid e-mail address' }))
  .max(MAX_ERROR_EMAILS, `at most ${MAX_ERROR_EMAILS} addresses`)
  .superRefine(refineUnique((email: string) => email.toLowerCase()));

/** Replaces the plugin's default delays; one retry per entry. */
export const retryPolicySchema = z.strictObject({
  delaysSeconds: z.array(
    z
      .int({ error: 'must be a whole number of seconds' })
      .min(1, 'must be at least 1 second')
      .max(MAX_RETRY_DELAY_SECONDS, 'must be at most 86400 seconds (24 h)'),
  ),
});

export type RetryPolicy = z.output<typeof retryPolicySchema>;

export const MAX_RATE_PER_SECOND = 10_000;

/** Paces the subscription's deliveries: at most `perSecond` a second (0.01 is one every 100 s). */
export const rateLimitSchema = z.strictObject({
  perSecond: z
    .number({ error: 'must be a number' })
    .min(0.01, 'must be at least 0.01 (one every 100 seconds)')
    .max(MAX_RATE_PER_SECOND, `must be at most ${MAX_RATE_PER_SECOND}`),
});

export type RateLimit = z.output<typeof rateLimitSchema>;

const settingsSchema = z.record(z.string(), z.unknown());

/** Body of `POST /v1/subscriptions`: the fields every plugin shares; `settings` is the plugin's own. */
export const subscriptionInputSchema = z.strictObject({
  plugin: requiredString().min(1, 'is required'),
  hook: requiredString().min(1, 'is required'),
  url: urlSchema,
  method: methodSchema.optional(),
  enabled: z.boolean().default(true),
  auth: subscriptionAuthSchema.default({ type: 'none' }),
  errorEmails: errorEmailsSchema.default([]),
  settings: settingsSchema.default({}),
  retryPolicy: retryPolicySchema.optional(),
  rateLimit: rateLimitSchema.optional(),
});

export type SubscriptionInput = z.input<typeof subscriptionInputSchema>;

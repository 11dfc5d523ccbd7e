import { z } from 'zod';

// Header values must not smuggle line breaks or other control characters.
const headerSafe = (max: number) =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .regex(/^\P{Cc}*$/u, 'must not contain control characters');

export const AUTH_TYPES = ['none', 'token', 'basic', 'bearer'] as const;
export type AuthType = (typeof AUTH_TYPES)[number];

/** How hookbus authenticates to the receiver, besides the Standard Webhooks signature. */
export const subscriptionAuthSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('none') }),
    // Komet's optional `authenticationToken` header: a string of at most 50 characters.
    z.strictObject({ type: z.literal('token'), token: headerSafe(50) }),
    z.strictObject({
      type: z.literal('basic'),
      // RFC 7617: the user-id cannot contain a colon.
      username: headerSafe(256).regex(/^[^:]*$/, 'must not contain ":"'),
      password: headerSafe(256),
    }),
    z.strictObject({ type: z.literal('bearer'), token: headerSafe(4096) }),
  ],
  { error: (issue) => (issue.code === 'invalid_union' ? `type must be one of: ${AUTH_TYPES.join(', ')}` : undefined) },
);

export type SubscriptionAuth = z.output<typeof subscriptionAuthSchema>;

import { z } from 'zod';

export const SUBSCRIPTION_STATUSES = ['active', 'disabled'] as const;

/**
 * Encrypted with the platform's secret key (`enc:v2:<key id>.…`, or the older `enc:v1:…`) and bound
 * to its `sealedFieldContext`; only delivery-service decrypts them.
 */
const sealed = z.string().regex(/^enc:v[12]:/, 'must be an encrypted value (enc:v2:…)');

/** The secret fields of a subscription. Every signing secret shares one name: rotation reorders the list. */
export type SealedField = 'auth.token' | 'auth.password' | 'signingSecret';

/** What a sealed field is bound to (authenticated data): a ciphertext copied elsewhere does not open. */
export const sealedFieldContext = (subscriptionId: string, field: SealedField): string => `${subscriptionId}/${field}`;

export const subscriptionAuthV1 = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({ type: z.literal('token'), token: sealed }),
  z.object({ type: z.literal('basic'), username: z.string(), password: sealed }),
  z.object({ type: z.literal('bearer'), token: sealed }),
]);

/**
 * `hookbus.subscriptions.v1` (compacted, keyed by subscription id): the full state delivery-service
 * needs, so it never reads config-service's database. A tombstone (null value) means deleted.
 */
export const subscriptionSnapshotV1 = z.object({
  id: z.string().min(1),
  tenantId: z.string().min(1),
  plugin: z.string().min(1),
  hook: z.string().min(1),
  url: z.string().min(1),
  method: z.string().min(1),
  enabled: z.boolean(),
  status: z.enum(SUBSCRIPTION_STATUSES),
  disabledReason: z.string().optional(),
  auth: subscriptionAuthV1,
  errorEmails: z.array(z.string()),
  settings: z.record(z.string(), z.unknown()),
  retryPolicy: z.object({ delaysSeconds: z.array(z.int()) }).optional(),
  /** At most `perSecond` deliveries a second (delivery-service paces them). */
  rateLimit: z.object({ perSecond: z.number().positive() }).optional(),
  /** Every secret a signature must be made with now: the current one, plus the previous during rotation. */
  signingSecrets: z.array(z.object({ secret: sealed, expiresAt: z.iso.datetime().optional() })).min(1),
  /** Increases with every change, so a consumer can ignore an older snapshot. */
  version: z.int().nonnegative(),
  updatedAt: z.iso.datetime(),
});

export type SubscriptionSnapshotV1 = z.output<typeof subscriptionSnapshotV1>;

import type { SubscriptionSnapshotV1 } from '@hookbus/contracts';
import type { Subscription } from './subscription.entity';

/** The compacted-topic form of a subscription: secrets stay encrypted; expired signing secrets are dropped. */
export function toSnapshot(subscription: Subscription, now = new Date()): SubscriptionSnapshotV1 {
  return {
    id: subscription.id,
    tenantId: subscription.tenantId,
    plugin: subscription.plugin,
    hook: subscription.hook,
    url: subscription.url,
    method: subscription.method,
    enabled: subscription.enabled,
    status: subscription.status,
    ...(subscription.disabledReason ? { disabledReason: subscription.disabledReason } : {}),
    auth: subscription.auth,
    errorEmails: subscription.errorEmails,
    settings: subscription.settings,
    ...(subscription.retryPolicy ? { retryPolicy: subscription.retryPolicy } : {}),
    ...(subscription.rateLimit ? { rateLimit: subscription.rateLimit } : {}),
    signingSecrets: subscription.signingSecrets
      .filter(({ expiresAt }) => !expiresAt || new Date(expiresAt) > now)
      .map(({ secret, expiresAt }) => (expiresAt ? { secret, expiresAt } : { secret })),
    version: subscription.version,
    updatedAt: subscription.updatedAt.toISOString(),
  };
}

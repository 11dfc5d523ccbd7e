import { maskAuth } from './subscription-secrets';
import type { Subscription } from './subscription.entity';

/** A subscription as the API shows it: DESIGN's field names, secrets masked. */
export function toView(subscription: Subscription) {
  return {
    id: subscription.id,
    plugin: subscription.plugin,
    hook: subscription.hook,
    url: subscription.url,
    method: subscription.method,
    enabled: subscription.enabled,
    auth: maskAuth(subscription.auth),
    errorEmails: subscription.errorEmails,
    settings: subscription.settings,
    ...(subscription.retryPolicy ? { retryPolicy: subscription.retryPolicy } : {}),
    ...(subscription.rateLimit ? { rateLimit: subscription.rateLimit } : {}),
    status: subscription.status,
    /** Increases with every change; the snapshot on the stream carries the same number. */
    version: subscription.version,
    ...(subscription.disabledReason ? { disabledReason: subscription.disabledReason } : {}),
    createdAt: subscription.createdAt.toISOString(),
    updatedAt: subscription.updatedAt.toISOString(),
  };
}

export type SubscriptionView = ReturnType<typeof toView>;

import type { HttpMethod } from '@hookbus/delivery-sdk';
import { maskAuth } from './subscription-secrets';
import type { Subscription } from './subscription.entity';
import type { SubscriptionView } from './subscription.schemas';

/**
 * A subscription as the API shows it (`subscriptionView`): DESIGN's field names, secrets masked.
 * Absent optional fields are `undefined`, which JSON leaves out.
 */
export function toView(subscription: Subscription): SubscriptionView {
  return {
    id: subscription.id,
    plugin: subscription.plugin,
    hook: subscription.hook,
    url: subscription.url,
    // Stored only once the plugin catalog accepted it.
    method: subscription.method as HttpMethod,
    enabled: subscription.enabled,
    auth: maskAuth(subscription.auth),
    errorEmails: subscription.errorEmails,
    settings: subscription.settings,
    retryPolicy: subscription.retryPolicy ?? undefined,
    rateLimit: subscription.rateLimit ?? undefined,
    status: subscription.status,
    version: subscription.version,
    disabledReason: subscription.disabledReason || undefined,
    createdAt: subscription.createdAt.toISOString(),
    updatedAt: subscription.updatedAt.toISOString(),
  };
}

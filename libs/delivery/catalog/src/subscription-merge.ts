import type { Subscription } from '@hookbus/delivery-sdk';
import type { SubscriptionPatch } from './subscription-patch.schema';

/**
 * The subscription a PATCH asks for, as input to revalidate: fields replace, `settings` merge key
 * by key (`null` drops a setting so its default applies), `retryPolicy: null` drops the override,
 * `rateLimit: null` the rate limit.
 */
export function mergeSubscriptionPatch(existing: Subscription, patch: SubscriptionPatch): Record<string, unknown> {
  const { settings, retryPolicy, rateLimit, plugin: _plugin, hook: _hook, ...fields } = patch;
  const merged: Record<string, unknown> = {
    // Only the configurable fields: a stored row may carry ids and status besides.
    plugin: existing.plugin,
    hook: existing.hook,
    url: fields.url ?? existing.url,
    method: fields.method ?? existing.method,
    enabled: fields.enabled ?? existing.enabled,
    auth: fields.auth ?? existing.auth,
    errorEmails: fields.errorEmails ?? existing.errorEmails,
    settings: mergeSettings(existing.settings, settings ?? {}),
  };
  const policy = retryPolicy === undefined ? existing.retryPolicy : retryPolicy;
  if (policy) merged['retryPolicy'] = { delaysSeconds: [...policy.delaysSeconds] };
  const pace = rateLimit === undefined ? existing.rateLimit : rateLimit;
  if (pace) merged['rateLimit'] = { perSecond: pace.perSecond };
  return merged;
}

function mergeSettings(existing: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const merged = { ...existing, ...patch };
  for (const [key, value] of Object.entries(patch)) if (value === null) delete merged[key];
  return merged;
}

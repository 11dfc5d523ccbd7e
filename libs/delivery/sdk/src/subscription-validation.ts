import { issue, type ValidationIssue, type Validated, zodIssues } from '@hookbus/contracts';
import type { DeliveryPluginDefinition, Subscription, ValidationContext } from './delivery-plugin';
import { subscriptionInputSchema } from './subscription.schema';

/**
 * Checks a `POST /v1/subscriptions` body against one plugin: the common schema first, then the
 * plugin's hooks, methods, auth types, settings schema, retry limit and `check`. The value has
 * every default applied. `plugin` must be the one the body names.
 */
export function validateSubscription(plugin: DeliveryPluginDefinition, input: unknown, context: ValidationContext): Validated<Subscription> {
  const common = subscriptionInputSchema.safeParse(input);
  if (!common.success) return { ok: false, issues: zodIssues(common.error) };
  const { method, ...fields } = common.data;

  const issues: ValidationIssue[] = [];
  if (fields.plugin !== plugin.vendor) issues.push(issue('plugin', 'unknown_plugin', `must be ${plugin.vendor}`));
  if (!plugin.hooks.some((hook) => hook.name === fields.hook)) {
    const names = plugin.hooks.map((hook) => hook.name).join(', ');
    issues.push(issue('hook', 'unknown_hook', `${plugin.vendor} has no hook "${fields.hook}"; valid hooks: ${names}`));
  }
  const resolvedMethod = method ?? plugin.defaultMethod;
  if (!plugin.methods.includes(resolvedMethod)) {
    issues.push(issue('method', 'method_not_allowed', `${plugin.vendor} accepts ${plugin.methods.join(' or ')}`));
  }
  if (!plugin.authTypes.includes(fields.auth.type)) {
    const allowed = plugin.authTypes.join(', ');
    issues.push(issue('auth.type', 'auth_type_not_allowed', `${plugin.vendor} accepts auth types: ${allowed}`));
  }
  const settings = plugin.settingsSchema.safeParse(fields.settings);
  if (!settings.success) issues.push(...zodIssues(settings.error, ['settings']));
  const maxRetries = plugin.retry.delaysSeconds.length;
  if (fields.retryPolicy && fields.retryPolicy.delaysSeconds.length > maxRetries) {
    const message = `${plugin.vendor} allows at most ${maxRetries} retries`;
    issues.push(issue('retryPolicy.delaysSeconds', 'too_many_retries', message));
  }
  if (issues.length > 0 || !settings.success) return { ok: false, issues };

  const subscription: Subscription = { ...fields, method: resolvedMethod, settings: settings.data };
  const broken = plugin.check?.(subscription, context) ?? [];
  return broken.length > 0 ? { ok: false, issues: broken } : { ok: true, value: subscription };
}

import { EventTypes, type ValidationIssue, type Validated } from '@hookbus/contracts';
import type { DeliveryPluginDefinition, Subscription, ValidationContext } from './delivery-plugin';
import { describePlugin, type PluginDescription } from './plugin-description';
import { mergeSubscriptionPatch } from './subscription-merge';
import { subscriptionInputSchema, subscriptionPatchSchema } from './subscription.schema';
import { issue, zodIssues } from './validation-issues';

/**
 * The loaded plugins, and the one place a subscription is checked against them: the common schema
 * first, then the plugin's hooks, methods, auth types, settings schema, retry limit and `check`.
 * Construction fails fast on a duplicate vendor or a definition that contradicts itself.
 */
export class PluginCatalog {
  private readonly plugins = new Map<string, DeliveryPluginDefinition>();

  constructor(definitions: readonly DeliveryPluginDefinition[]) {
    for (const definition of definitions) {
      if (this.plugins.has(definition.vendor)) throw new Error(`Duplicate delivery plugin "${definition.vendor}"`);
      assertConsistent(definition);
      this.plugins.set(definition.vendor, definition);
    }
  }

  get vendors(): string[] {
    return [...this.plugins.keys()];
  }

  get(vendor: string): DeliveryPluginDefinition | undefined {
    return this.plugins.get(vendor);
  }

  /** Validates a `POST /v1/subscriptions` body; the value has every default applied. */
  validate(input: unknown, context: ValidationContext): Validated<Subscription> {
    const common = subscriptionInputSchema.safeParse(input);
    if (!common.success) return { ok: false, issues: zodIssues(common.error) };
    const { method, ...fields } = common.data;

    const plugin = this.plugins.get(fields.plugin);
    if (!plugin) {
      return fail(issue('plugin', 'unknown_plugin', `must be one of: ${this.vendors.join(', ')}`));
    }
    const issues: ValidationIssue[] = [];
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

  /** Validates a `PATCH /v1/subscriptions/:id` body against the stored subscription. */
  validatePatch(existing: Subscription, patch: unknown, context: ValidationContext): Validated<Subscription> {
    const parsed = subscriptionPatchSchema.safeParse(patch);
    if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error) };
    return this.validate(mergeSubscriptionPatch(existing, parsed.data), context);
  }

  /** `GET /v1/plugins`. */
  describe(): PluginDescription[] {
    return [...this.plugins.values()].map(describePlugin);
  }
}

const fail = (...issues: ValidationIssue[]): Validated<never> => ({ ok: false, issues });

function assertConsistent(plugin: DeliveryPluginDefinition): void {
  const problem = (message: string) => new Error(`Delivery plugin "${plugin.vendor}": ${message}`);
  const names = new Set<string>();
  for (const hook of plugin.hooks) {
    if (names.has(hook.name)) throw problem(`duplicate hook "${hook.name}"`);
    names.add(hook.name);
    const unknown = hook.eventTypes.find((type) => !Object.hasOwn(EventTypes, type));
    if (unknown !== undefined) throw problem(`hook "${hook.name}" serves unknown event type "${unknown}"`);
  }
  if (!plugin.methods.includes(plugin.defaultMethod)) throw problem(`default method ${plugin.defaultMethod} is not allowed`);
  if (plugin.authTypes.length === 0) throw problem('no auth type allowed');
  if (plugin.retry.delaysSeconds.some((delay) => !Number.isInteger(delay) || delay < 1)) {
    throw problem('retry delays must be whole seconds, at least 1');
  }
}

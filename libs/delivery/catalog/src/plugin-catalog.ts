import { EventTypes, issue, type Validated, zodIssues } from '@hookbus/contracts';
import {
  type DeliveryPluginDefinition,
  type Subscription,
  subscriptionInputSchema,
  type ValidationContext,
  validateSubscription,
} from '@hookbus/delivery-sdk';
import { describePlugin, type PluginDescription } from './plugin-description';
import { mergeSubscriptionPatch } from './subscription-merge';
import { subscriptionPatchSchema } from './subscription-patch.schema';

/**
 * The loaded plugins, and the one place config-service checks a subscription against them (each
 * through the SDK's `validateSubscription`). Construction fails fast on a duplicate vendor or a definition that contradicts itself.
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

  /** Validates a `POST /v1/subscriptions` body against the plugin it names; the value has every default applied. */
  validate(input: unknown, context: ValidationContext): Validated<Subscription> {
    const vendor = (input as { plugin?: unknown } | null)?.plugin;
    const plugin = typeof vendor === 'string' ? this.plugins.get(vendor) : undefined;
    if (plugin) return validateSubscription(plugin, input, context);
    // No plugin to ask: the common schema's issues, else the unknown plugin.
    const common = subscriptionInputSchema.safeParse(input);
    if (!common.success) return { ok: false, issues: zodIssues(common.error) };
    return { ok: false, issues: [issue('plugin', 'unknown_plugin', `must be one of: ${this.vendors.join(', ')}`)] };
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

import { assertDeliverable, type DeliverablePlugin, type DeliveryPluginDefinition } from '@hookbus/delivery-sdk';

/** Hook names by plugin vendor: the hosted hooks that take one event type. */
export type HooksByPlugin = ReadonlyMap<string, ReadonlySet<string>>;

const NO_HOOKS: HooksByPlugin = new Map();

/**
 * The plugins this instance delivers with, each checked by `assertDeliverable`, and which of their
 * hooks take each event type (built once here, so routing an event costs a lookup). Fails fast on
 * a duplicate vendor; an unknown one is refused earlier, by DELIVERY_PLUGINS' validation.
 */
export class PluginRegistry {
  private readonly plugins = new Map<string, DeliverablePlugin>();
  private readonly hooksByType = new Map<string, Map<string, Set<string>>>();

  constructor(definitions: readonly DeliveryPluginDefinition[]) {
    for (const definition of definitions) {
      if (this.plugins.has(definition.vendor)) throw new Error(`Duplicate delivery plugin "${definition.vendor}"`);
      this.plugins.set(definition.vendor, assertDeliverable(definition));
      for (const hook of definition.hooks) {
        for (const type of hook.eventTypes) {
          const byPlugin = entryOf(this.hooksByType, type, () => new Map<string, Set<string>>());
          entryOf(byPlugin, definition.vendor, () => new Set<string>()).add(hook.name);
        }
      }
    }
  }

  get vendors(): string[] {
    return [...this.plugins.keys()];
  }

  /** Undefined when the vendor is not loaded here (another deployment delivers it). */
  get(vendor: string): DeliverablePlugin | undefined {
    return this.plugins.get(vendor);
  }

  /** Every hosted hook that takes `type`, by plugin; empty when none does (the event is not delivered here). */
  hooksTaking(type: string): HooksByPlugin {
    return this.hooksByType.get(type) ?? NO_HOOKS;
  }
}

function entryOf<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  const held = map.get(key);
  if (held !== undefined) return held;
  const created = create();
  map.set(key, created);
  return created;
}

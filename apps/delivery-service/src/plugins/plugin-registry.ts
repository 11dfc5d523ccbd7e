import { assertDeliverable, type DeliverablePlugin, type DeliveryPluginDefinition } from '@hookbus/delivery-sdk';
import { AVAILABLE_PLUGINS } from './available-plugins';

/**
 * The plugins this instance delivers with, each checked by `assertDeliverable`. Fails fast on a
 * duplicate or unknown vendor: a deployment must never silently drop a vendor's deliveries.
 */
export class PluginRegistry {
  private readonly plugins = new Map<string, DeliverablePlugin>();

  constructor(definitions: readonly DeliveryPluginDefinition[]) {
    for (const definition of definitions) {
      if (this.plugins.has(definition.vendor)) throw new Error(`Duplicate delivery plugin "${definition.vendor}"`);
      this.plugins.set(definition.vendor, assertDeliverable(definition));
    }
  }

  /** The registry of the named vendors, from the plugins this build hosts. */
  static of(vendors: readonly string[], available: readonly DeliveryPluginDefinition[] = AVAILABLE_PLUGINS): PluginRegistry {
    return new PluginRegistry(
      vendors.map((vendor) => {
        const found = available.find((plugin) => plugin.vendor === vendor);
        if (!found) throw new Error(`Unknown delivery plugin "${vendor}"; known: ${available.map((p) => p.vendor).join(', ')}`);
        return found;
      }),
    );
  }

  get vendors(): string[] {
    return [...this.plugins.keys()];
  }

  /** Undefined when the vendor is not loaded here (another deployment delivers it). */
  get(vendor: string): DeliverablePlugin | undefined {
    return this.plugins.get(vendor);
  }
}

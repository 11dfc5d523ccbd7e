import { assertDeliverable, type DeliverablePlugin, type DeliveryPluginDefinition } from '@hookbus/delivery-sdk';

/**
 * The plugins this instance delivers with, each checked by `assertDeliverable`. Fails fast on a
 * duplicate vendor; an unknown one is refused earlier, by DELIVERY_PLUGINS' validation.
 */
export class PluginRegistry {
  private readonly plugins = new Map<string, DeliverablePlugin>();

  constructor(definitions: readonly DeliveryPluginDefinition[]) {
    for (const definition of definitions) {
      if (this.plugins.has(definition.vendor)) throw new Error(`Duplicate delivery plugin "${definition.vendor}"`);
      this.plugins.set(definition.vendor, assertDeliverable(definition));
    }
  }

  get vendors(): string[] {
    return [...this.plugins.keys()];
  }

  /** Undefined when the vendor is not loaded here (another deployment delivers it). */
  get(vendor: string): DeliverablePlugin | undefined {
    return this.plugins.get(vendor);
  }
}

import { DiscoveryService } from '@nestjs/core';
import { DeliveryPlugin, type DeliveryPluginDefinition } from '@hookbus/delivery-sdk';
import { PluginRegistry } from './plugin-registry';

/** The registry of every `@DeliveryPlugin` provider among the plugin modules the app imported. */
export function discoverPlugins(discovery: DiscoveryService): PluginRegistry {
  const definitions = discovery
    .getProviders({ metadataKey: DeliveryPlugin.KEY })
    .map((wrapper) => discovery.getMetadataByDecorator(DeliveryPlugin, wrapper))
    .filter((definition): definition is DeliveryPluginDefinition => definition !== undefined);
  return new PluginRegistry(definitions);
}

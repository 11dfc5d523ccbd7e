import type { CustomDecorator } from '@nestjs/common';
import { type DiscoverableDecorator, DiscoveryService } from '@nestjs/core';
import type { z } from 'zod';
import type { DeliveryPluginDefinition } from './delivery-plugin';

// A plugin's settings type is its own; discovery hands the definitions out without it.
type DeliveryPluginDecorator = DiscoverableDecorator<DeliveryPluginDefinition> &
  (<S extends z.ZodObject>(plugin: DeliveryPluginDefinition<S>) => CustomDecorator);

/**
 * Marks the provider that brings a vendor's plugin into a Nest app. delivery-service discovers every
 * provider so marked among the plugin modules it imports, so adding a vendor is one lib and one
 * import:
 *
 * ```ts
 * @DeliveryPlugin(kometPlugin)
 * @Injectable()
 * class KometDeliveryPlugin {}
 *
 * @Module({ providers: [KometDeliveryPlugin] })
 * export class KometPluginModule {}
 * ```
 */
export const DeliveryPlugin = DiscoveryService.createDecorator<DeliveryPluginDefinition>() as DeliveryPluginDecorator;

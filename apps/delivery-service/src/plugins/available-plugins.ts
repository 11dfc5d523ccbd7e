import type { DeliveryPluginDefinition } from '@hookbus/delivery-sdk';
import { komercePlugin } from '@hookbus/plugin-komerce';
import { kometPlugin } from '@hookbus/plugin-komet';
import { postbackPlugin } from '@hookbus/plugin-postback';
import { secutixPlugin } from '@hookbus/plugin-secutix';

/** Every plugin this build can host; `DELIVERY_PLUGINS` picks among them by vendor. */
export const AVAILABLE_PLUGINS: readonly DeliveryPluginDefinition[] = [
  kometPlugin,
  komercePlugin,
  secutixPlugin,
  postbackPlugin,
] as unknown as readonly DeliveryPluginDefinition[];

export const AVAILABLE_VENDORS: readonly string[] = AVAILABLE_PLUGINS.map((plugin) => plugin.vendor);

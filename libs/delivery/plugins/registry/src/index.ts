import type { Type } from '@nestjs/common';
import type { DeliveryPluginDefinition } from '@hookbus/delivery-sdk';
import { KomercePluginModule, komercePlugin } from '@hookbus/plugin-komerce';
import { KometPluginModule, kometPlugin } from '@hookbus/plugin-komet';
import { PostbackPluginModule, postbackPlugin } from '@hookbus/plugin-postback';
import { SecutixPluginModule, secutixPlugin } from '@hookbus/plugin-secutix';
import { WebhookPluginModule, webhookPlugin } from '@hookbus/plugin-webhook';

/** A plugin this build contains: its definition (what config-service offers) and its Nest module (what delivery-service hosts). */
export interface RegisteredPlugin {
  readonly definition: DeliveryPluginDefinition;
  readonly module: Type;
}

/**
 * Every plugin the build contains: the one list config-service and delivery-service read.
 * Adding a vendor is adding its line here; `DELIVERY_PLUGINS` still picks among them per deployment.
 */
export const REGISTERED_PLUGINS: readonly RegisteredPlugin[] = [
  { definition: kometPlugin, module: KometPluginModule },
  { definition: komercePlugin, module: KomercePluginModule },
  { definition: secutixPlugin, module: SecutixPluginModule },
  { definition: postbackPlugin, module: PostbackPluginModule },
  { definition: webhookPlugin, module: WebhookPluginModule },
];

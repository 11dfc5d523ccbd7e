import type { Type } from '@nestjs/common';
import { KomercePluginModule } from '@hookbus/plugin-komerce';
import { KometPluginModule } from '@hookbus/plugin-komet';
import { PostbackPluginModule } from '@hookbus/plugin-postback';
import { SecutixPluginModule } from '@hookbus/plugin-secutix';

/** The plugin modules this build can host, by vendor; `DELIVERY_PLUGINS` picks among them. */
export const PLUGIN_MODULES: Readonly<Record<string, Type>> = {
  komet: KometPluginModule,
  komerce: KomercePluginModule,
  secutix: SecutixPluginModule,
  postback: PostbackPluginModule,
};

export const AVAILABLE_VENDORS: readonly string[] = Object.keys(PLUGIN_MODULES);

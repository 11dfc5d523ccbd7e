import type { Type } from '@nestjs/common';
import { REGISTERED_PLUGINS } from '@hookbus/plugin-registry';

/** The plugin modules this build can host, by vendor; `DELIVERY_PLUGINS` picks among them. */
export const PLUGIN_MODULES: Readonly<Record<string, Type>> = Object.fromEntries(
  REGISTERED_PLUGINS.map(({ definition, module }) => [definition.vendor, module]),
);

export const AVAILABLE_VENDORS: readonly string[] = Object.keys(PLUGIN_MODULES);

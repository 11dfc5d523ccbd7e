import { EVENT_TYPES, EventTypes, type EventRoute } from '@hookbus/contracts';
import type { PluginHook } from './delivery-plugin';

/** A plugin's hooks as routed by contracts' `EventTypes`, in table order. */
export function routedHooks(plugin: EventRoute['plugin']): PluginHook[] {
  const hooks = new Map<string, PluginHook>();
  for (const type of EVENT_TYPES) {
    const route: EventRoute = EventTypes[type].route;
    if (route.plugin !== plugin) continue;
    const hook = hooks.get(route.hook) ?? { name: route.hook, eventTypes: [] };
    hooks.set(route.hook, { ...hook, eventTypes: [...hook.eventTypes, type] });
  }
  return [...hooks.values()];
}

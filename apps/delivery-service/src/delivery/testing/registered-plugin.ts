import { assertDeliverable, type DeliverablePlugin } from '@hookbus/delivery-sdk';
import { REGISTERED_PLUGINS } from '@hookbus/plugin-registry';

/** A plugin of this build as delivery-service loads it: the real definition, so specs test the real policy. */
export function registeredPlugin(vendor: string): DeliverablePlugin {
  const registered = REGISTERED_PLUGINS.find(({ definition }) => definition.vendor === vendor);
  if (!registered) throw new Error(`${vendor} is not a registered plugin`);
  return assertDeliverable(registered.definition);
}

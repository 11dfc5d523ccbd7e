import type { z } from 'zod';
import type { DeliveryPluginDefinition } from './delivery-plugin';

/** Svix's timeout: long enough for a slow receiver, short enough to keep a partition moving. */
export const DEFAULT_DELIVERY_TIMEOUT_MS = 15_000;

/** A definition with its delivery half: what delivery-service can load. */
export type DeliverablePlugin<Settings extends z.ZodObject = z.ZodObject> = DeliveryPluginDefinition<Settings> &
  Required<Pick<DeliveryPluginDefinition<Settings>, 'render' | 'classify' | 'timeoutMs'>>;

/**
 * Narrows a definition to a deliverable plugin, filling `timeoutMs` with the default; throws when
 * `render` or `classify` is missing or the timeout is not a positive whole number of ms.
 */
export function assertDeliverable<Settings extends z.ZodObject>(plugin: DeliveryPluginDefinition<Settings>): DeliverablePlugin<Settings> {
  const problem = (message: string) => new Error(`Delivery plugin "${plugin.vendor}" cannot deliver: ${message}`);
  if (typeof plugin.render !== 'function') throw problem('no render()');
  if (typeof plugin.classify !== 'function') throw problem('no classify()');
  const timeoutMs = plugin.timeoutMs ?? DEFAULT_DELIVERY_TIMEOUT_MS;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw problem(`timeoutMs must be a positive whole number, got ${timeoutMs}`);
  return { ...plugin, render: plugin.render, classify: plugin.classify, timeoutMs };
}

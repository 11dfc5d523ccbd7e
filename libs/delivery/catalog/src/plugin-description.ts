import { EVENT_TYPES } from '@hookbus/contracts';
import { z } from 'zod';
import { AUTH_TYPES, type DeliveryPluginDefinition, HTTP_METHODS, retryPolicySchema } from '@hookbus/delivery-sdk';

/** One entry of `GET /v1/plugins`: what a subscription to this plugin can be made of. */
export const pluginDescriptionSchema = z.strictObject({
  vendor: z.string(),
  title: z.string(),
  hooks: z.array(z.strictObject({ name: z.string(), eventTypes: z.array(z.enum(EVENT_TYPES)) })),
  methods: z.array(z.enum(HTTP_METHODS)),
  defaultMethod: z.enum(HTTP_METHODS),
  authTypes: z.array(z.enum(AUTH_TYPES)),
  retryPolicy: retryPolicySchema.describe('The plugin’s retry delays; a subscription may ask for at most as many.'),
  schedule: z
    .strictObject({ frequencyMinutes: z.int().positive(), batchSize: z.int().positive() })
    .optional()
    .describe('A scheduled plugin’s pacing defaults: every `frequencyMinutes`, at most `batchSize` events.'),
  settingsSchema: z.record(z.string(), z.unknown()).describe('JSON Schema (draft 2020-12) of the `settings` a subscription accepts.'),
});

export type PluginDescription = z.output<typeof pluginDescriptionSchema>;

export function describePlugin(plugin: DeliveryPluginDefinition): PluginDescription {
  return {
    vendor: plugin.vendor,
    title: plugin.title,
    hooks: plugin.hooks.map((hook) => ({ name: hook.name, eventTypes: [...hook.eventTypes] })),
    methods: [...plugin.methods],
    defaultMethod: plugin.defaultMethod,
    authTypes: [...plugin.authTypes],
    retryPolicy: { delaysSeconds: [...plugin.retry.delaysSeconds] },
    schedule: plugin.schedule && { ...plugin.schedule },
    // The input side: fields with defaults are optional, as a client sends them.
    settingsSchema: z.toJSONSchema(plugin.settingsSchema, { io: 'input', unrepresentable: 'any' }),
  };
}

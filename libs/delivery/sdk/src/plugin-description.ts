import { z } from 'zod';
import type { DeliveryPluginDefinition, PluginHook, ScheduleDefaults } from './delivery-plugin';
import type { AuthType } from './subscription-auth.schema';
import type { HttpMethod, RetryPolicy } from './subscription.schema';

/** One entry of `GET /v1/plugins`. */
export interface PluginDescription {
  vendor: string;
  title: string;
  hooks: PluginHook[];
  methods: HttpMethod[];
  defaultMethod: HttpMethod;
  authTypes: AuthType[];
  retryPolicy: RetryPolicy;
  schedule?: ScheduleDefaults;
  /** JSON Schema (draft 2020-12) of the `settings` a subscription accepts. */
  settingsSchema: Record<string, unknown>;
}

export function describePlugin(plugin: DeliveryPluginDefinition): PluginDescription {
  return {
    vendor: plugin.vendor,
    title: plugin.title,
    hooks: plugin.hooks.map((hook) => ({ name: hook.name, eventTypes: [...hook.eventTypes] })),
    methods: [...plugin.methods],
    defaultMethod: plugin.defaultMethod,
    authTypes: [...plugin.authTypes],
    retryPolicy: { delaysSeconds: [...plugin.retry.delaysSeconds] },
    ...(plugin.schedule ? { schedule: { ...plugin.schedule } } : {}),
    // The input side: fields with defaults are optional, as a client sends them.
    settingsSchema: z.toJSONSchema(plugin.settingsSchema, { io: 'input', unrepresentable: 'any' }),
  };
}

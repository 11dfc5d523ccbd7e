import type { EventType, ValidationIssue } from '@hookbus/contracts';
import type { z } from 'zod';
import type { AuthType, SubscriptionAuth } from './subscription-auth.schema';
import type { HttpMethod, RetryPolicy } from './subscription.schema';

/** A subscription that passed the common schema and its plugin's rules, defaults applied. */
export interface Subscription<Settings extends object = Record<string, unknown>> {
  plugin: string;
  hook: string;
  url: string;
  method: HttpMethod;
  enabled: boolean;
  auth: SubscriptionAuth;
  errorEmails: string[];
  settings: Settings;
  /** Absent: the plugin's default `retry` applies. */
  retryPolicy?: RetryPolicy;
}

/** A named hook of a plugin and the event types it delivers (contracts' `EventTypes[type].route`). */
export interface PluginHook {
  readonly name: string;
  readonly eventTypes: readonly EventType[];
}

/** Pacing defaults of a scheduled plugin: every `frequencyMinutes`, at most `batchSize` events. */
export interface ScheduleDefaults {
  readonly frequencyMinutes: number;
  readonly batchSize: number;
}

/** What a plugin's configuration rules may know beyond the subscription itself. */
export interface ValidationContext {
  /** Hosts allow-listed by `HOOKBUS_EGRESS_ALLOW` (see `isEgressAllowed`). */
  readonly egressAllow: readonly string[];
}

/**
 * A vendor dialect, as far as configuration is concerned: which hooks, methods and auth types a
 * subscription may use, the shape of its `settings`, its default retry policy and any rule that
 * spans several fields. `PluginCatalog` applies it; config-service never branches on a vendor.
 * (Rendering and response classification will join this interface for delivery-service.)
 */
export interface DeliveryPluginDefinition<Settings extends z.ZodObject = z.ZodObject> {
  /** Stable id used as `plugin` in subscriptions: `komet`, `komerce`, `secutix`, `postback`, … */
  readonly vendor: string;
  /** Human-readable name for `GET /v1/plugins`. */
  readonly title: string;
  readonly hooks: readonly PluginHook[];
  readonly methods: readonly HttpMethod[];
  /** Used when a subscription names no method; must be one of `methods`. */
  readonly defaultMethod: HttpMethod;
  readonly authTypes: readonly AuthType[];
  /** A strict zod object; its defaults fill the stored settings. */
  readonly settingsSchema: Settings;
  /** Delay before each retry; the number of entries is the most retries a subscription may ask for. */
  readonly retry: RetryPolicy;
  /** Present when deliveries are paced in batches; settings may override these defaults. */
  readonly schedule?: ScheduleDefaults;
  /**
   * Rules spanning several fields, run once everything else is valid. Returns the broken ones
   * (dotted field path, rule code, message), or an empty list.
   */
  check?(subscription: Subscription<z.output<Settings>>, context: ValidationContext): ValidationIssue[];
}

import type { EventType, HookbusEvent, ValidationIssue } from '@hookbus/contracts';
import type { z } from 'zod';
import type { Classification, ClassifyContext, DeliveryOutcome } from './delivery-outcome';
import type { RenderContext, RenderedRequest } from './rendered-request';
import type { AuthType, SubscriptionAuth } from './subscription-auth.schema';
import type { HttpMethod, RateLimit, RetryPolicy } from './subscription.schema';

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
  /** Absent: deliveries go as fast as the endpoint's flow control lets them. */
  rateLimit?: RateLimit;
}

/**
 * A named hook of a plugin and the event types it takes (any of contracts' `EVENT_TYPES`). Several
 * hooks, of one plugin or of several, may take the same type: delivery-service hands an event to
 * the subscriptions of every hosted hook that takes it.
 */
export interface PluginHook {
  readonly name: string;
  readonly eventTypes: readonly EventType[];
  /** What the event's subject is in this hook's words (`Order`, `Payment`), for e-mails; absent: `Subject`. */
  readonly subjectLabel?: string;
}

/** Pacing defaults of a scheduled plugin: every `frequencyMinutes`, at most `batchSize` events. */
export interface ScheduleDefaults {
  readonly frequencyMinutes: number;
  readonly batchSize: number;
}

/** What a plugin's configuration rules may know beyond the subscription itself. */
export interface ValidationContext {
  /** `HOOKBUS_EGRESS_ALLOW`: `egressAllow.allowsUrl(url)` says whether a URL's host and port are allow-listed. */
  readonly egressAllow: { allowsUrl(url: URL): boolean };
}

/** A deployment that allow-lists nothing: what plugin specs validate against unless they test an exception. */
export const NOTHING_ALLOW_LISTED: ValidationContext = { egressAllow: { allowsUrl: () => false } };

/**
 * A vendor dialect. The configuration half (hooks, methods, auth types, `settings` shape, default
 * retry policy, cross-field rules) is applied by `PluginCatalog`, so config-service never branches
 * on a vendor. The delivery half (`matches`, `render`, `classify`, `timeoutMs`) is what
 * delivery-service runs per event and subscription; it is optional here only so that a
 * configuration-only definition still type-checks, and delivery-service loads a plugin through
 * `assertDeliverable`, which insists on `render` and `classify`.
 */
export interface DeliveryPluginDefinition<Settings extends z.ZodObject = z.ZodObject> {
  /** Stable id used as `plugin` in subscriptions: `komet`, `komerce`, `secutix`, `postback`, … */
  readonly vendor: string;
  /** Human-readable name for `GET /v1/plugins`, and the vendor's name in error e-mails. */
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
  /** The hooks whose failed deliveries may be retried by hand; absent: every hook. */
  readonly manualRetryHooks?: readonly string[];
  /**
   * Rules spanning several fields, run once everything else is valid. Returns the broken ones
   * (dotted field path, rule code, message), or an empty list.
   */
  check?(subscription: Subscription<z.output<Settings>>, context: ValidationContext): ValidationIssue[];

  /**
   * Extra routing beyond hook and event type, e.g. a filter over `data` or the event's origin.
   * Absent: every event of the hook's types matches. Must be pure and fast.
   */
  matches?(event: HookbusEvent, subscription: Subscription<z.output<Settings>>): boolean;
  /**
   * The request for one event: method, URL, content type and auth headers from the subscription's
   * decrypted `auth`, and the exact body bytes. No signature headers (the sender adds them over
   * `body`). Deterministic; throws a `RenderError` for an event it cannot render.
   */
  render?(event: HookbusEvent, subscription: Subscription<z.output<Settings>>, context: RenderContext): RenderedRequest;
  /** The verdict on what the sender got back; `defaultClassify` is the usual base to wrap. */
  classify?(outcome: DeliveryOutcome, context: ClassifyContext<z.output<Settings>>): Classification;
  /** How long the sender waits for a response; absent: `DEFAULT_DELIVERY_TIMEOUT_MS`. */
  readonly timeoutMs?: number;
}

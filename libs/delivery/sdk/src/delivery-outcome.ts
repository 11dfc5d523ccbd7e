import type { HookbusEvent } from '@hookbus/contracts';
import type { Subscription } from './delivery-plugin';
import type { RenderContext } from './rendered-request';

/**
 * Why no HTTP response came back. `ssrf_refused`: the resolved address is loopback, private,
 * link-local or metadata and not allow-listed; `protocol`: the answer was not valid HTTP.
 */
export const TRANSPORT_ERRORS = ['timeout', 'connection', 'dns', 'tls', 'ssrf_refused', 'protocol'] as const;
export type TransportError = (typeof TRANSPORT_ERRORS)[number];

/** What the sender got for a rendered request: a response (any status) or a transport error. */
export type DeliveryOutcome =
  | {
      readonly kind: 'response';
      readonly status: number;
      /** Names lower-cased. */
      readonly headers: Readonly<Record<string, string>>;
      readonly body: string;
    }
  | { readonly kind: 'error'; readonly error: TransportError; readonly message: string };

/**
 * A plugin's verdict on an outcome. `retry` asks for the next delay of the retry policy (or
 * `retryAfterMs`, the receiver's `Retry-After`, within the policy's bounds); once retries are
 * exhausted the delivery fails. `failed` is final; `gone` (410) disables the subscription.
 * `vendorMessage` is the receiver's own words (e.g. Komet's `message`), stored on the delivery
 * whether it was delivered or failed, and e-mailed when it failed.
 */
export type Classification =
  | { readonly result: 'delivered'; readonly vendorMessage?: string }
  | { readonly result: 'retry'; readonly reason: string; readonly retryAfterMs?: number }
  | { readonly result: 'failed'; readonly reason: string; readonly vendorMessage?: string; readonly gone?: boolean };

/** What `classify` may know besides the outcome. */
export interface ClassifyContext<Settings extends object = Record<string, unknown>> extends RenderContext {
  readonly event: HookbusEvent;
  readonly subscription: Subscription<Settings>;
  /** Reference time for an HTTP-date `Retry-After`; default: the current time. */
  readonly now?: Date;
}

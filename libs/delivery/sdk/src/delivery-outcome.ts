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
 * exhausted the delivery fails. `failed` is final: `vendorMessage` is the receiver's own words,
 * stored on the delivery and e-mailed; `gone` (410) disables the subscription.
 */
export type Classification =
  | { readonly result: 'delivered' }
  | { readonly result: 'retry'; readonly reason: string; readonly retryAfterMs?: number }
  | { readonly result: 'failed'; readonly reason: string; readonly vendorMessage?: string; readonly gone?: boolean };

/** What `classify` may know besides the outcome. */
export interface ClassifyContext<Settings extends object = Record<string, unknown>> extends RenderContext {
  readonly event: HookbusEvent;
  readonly subscription: Subscription<Settings>;
  /** Reference time for an HTTP-date `Retry-After`; default: the current time. */
  readonly now?: Date;
}

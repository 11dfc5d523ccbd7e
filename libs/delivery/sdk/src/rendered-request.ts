import type { HttpMethod } from './subscription.schema';

/**
 * The HTTP request a plugin makes of an event, before signing: the sender adds the Standard
 * Webhooks headers (`webhook-id`, `webhook-timestamp`, `webhook-signature`) over exactly `body`.
 */
export interface RenderedRequest {
  readonly method: HttpMethod;
  /** Absolute http(s) URL on the subscription URL's origin. */
  readonly url: string;
  /**
   * Content type and auth headers. Names are spelled as the vendor documents them and are unique
   * ignoring case; compare them case-insensitively.
   */
  readonly headers: Readonly<Record<string, string>>;
  /** Exactly the bytes to send (UTF-8); empty when there is no body, as with GET. */
  readonly body: string;
  /** Names of the headers whose values are secrets, masked in the delivery log. */
  readonly secretHeaders: readonly string[];
}

/** What a plugin may know about the attempt it renders, besides the event and subscription. */
export interface RenderContext {
  /** The delivery's id, sent as `webhook-id`; the same across retries. */
  readonly deliveryId: string;
  /** 1 for the first attempt; retries, manual ones included, count on. */
  readonly attempt: number;
}

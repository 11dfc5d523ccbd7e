import { authHeaders } from './auth-headers';
import type { Subscription } from './delivery-plugin';
import type { RenderedRequest } from './rendered-request';

export const JSON_CONTENT_TYPE = 'application/json';

/**
 * A JSON request to the subscription's URL with its method: `Content-Type: application/json`,
 * the given extra headers, then the auth headers. `body` is sent as is, so a plugin controls
 * every byte (key order, number spelling).
 */
export function jsonRequest(
  subscription: Subscription,
  body: string,
  options: { url?: string; headers?: Record<string, string> } = {},
): RenderedRequest {
  const auth = authHeaders(subscription.auth);
  return {
    method: subscription.method,
    url: options.url ?? subscription.url,
    headers: { 'Content-Type': JSON_CONTENT_TYPE, ...options.headers, ...auth.headers },
    body,
    secretHeaders: auth.secretHeaders,
  };
}

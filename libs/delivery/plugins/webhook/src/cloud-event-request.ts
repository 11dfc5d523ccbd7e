import type { HookbusEvent } from '@hookbus/contracts';
import { authHeaders, JSON_CONTENT_TYPE, type RenderedRequest, type Subscription } from '@hookbus/delivery-sdk';

export const STRUCTURED_CONTENT_TYPE = 'application/cloudevents+json; charset=utf-8';

/** How the CloudEvent travels in the HTTP binding: whole in the body, or attributes as `ce-*` headers. */
export type CloudEventMode = 'structured' | 'binary';

/**
 * The CloudEvent as the CloudEvents HTTP binding sends it. Structured: the event as produced, in
 * `application/cloudevents+json`. Binary: every attribute but `data` and `datacontenttype` as a
 * `ce-` header, the data as the body under its own content type (JSON unless the event says).
 */
export function cloudEventRequest(event: HookbusEvent, subscription: Subscription, mode: CloudEventMode): RenderedRequest {
  const auth = authHeaders(subscription.auth);
  const request = (headers: Record<string, string>, body: string): RenderedRequest => ({
    method: subscription.method,
    url: subscription.url,
    headers: { ...headers, ...auth.headers },
    body,
    secretHeaders: auth.secretHeaders,
  });
  if (mode === 'structured') return request({ 'Content-Type': STRUCTURED_CONTENT_TYPE }, JSON.stringify(event));

  const { data, datacontenttype, ...attributes } = event;
  const headers: Record<string, string> = { 'Content-Type': typeof datacontenttype === 'string' ? datacontenttype : JSON_CONTENT_TYPE };
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null) headers[`ce-${name}`] = headerSafe(typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  return request(headers, data === undefined ? '' : JSON.stringify(data));
}

/**
 * The binding's percent-encoding of a header value: space, `"`, `%` and anything outside printable
 * ASCII become `%XX` of their UTF-8 bytes, so any attribute value is a valid header.
 */
function headerSafe(value: string): string {
  return value.replace(/[^\x21\x23\x24\x26-\x7e]/gu, (char) =>
    [...Buffer.from(char, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
}

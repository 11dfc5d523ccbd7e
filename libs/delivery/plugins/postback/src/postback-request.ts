import { type HookbusEvent, NOTIFICATION_EVENT_TYPES } from '@hookbus/contracts';
import { jsonRequest, RenderError, type RenderedRequest, type Subscription } from '@hookbus/delivery-sdk';

/**
 * `{"id","event","occurredAt","source","data"}` in that order: the event's id, type, time (as
 * produced) and origin, and its data untouched. An event without an origin says `"source":null`,
 * so receivers always see the same keys.
 */
export function renderPostback(event: HookbusEvent, subscription: Subscription): RenderedRequest {
  if (!(NOTIFICATION_EVENT_TYPES as readonly string[]).includes(event.type)) throw new RenderError(`${event.type} is not a postback notification event`);
  const body = { id: event.id, event: event.type, occurredAt: event.time, source: event.origin ?? null, data: event.data };
  return jsonRequest(subscription, JSON.stringify(body));
}

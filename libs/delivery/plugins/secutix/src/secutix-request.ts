import type { HookbusEvent } from '@hookbus/contracts';
import { eventDataOf, jsonInt64, jsonRequest, type RenderedRequest, type Subscription } from '@hookbus/delivery-sdk';
import { substituteOrderId } from './order-id-placeholder';
import type { SecutixSettings } from './secutix-settings.schema';

/**
 * The closed order's id replaces `${orderId}`: URL-encoded in the URL, as is in the payload
 * template (so `${orderId}` there is a JSON number and `"${orderId}"` a string). GET sends no
 * body. POST sends the template, or `{"orderId":<id>}` when there is none, so the receiver always
 * gets the id even when it is only in the URL. An int64 beyond 2^53 keeps all its digits.
 */
export function renderSecutix(event: HookbusEvent, subscription: Subscription<SecutixSettings>): RenderedRequest {
  const orderId = jsonInt64(eventDataOf(event, 'order.closed').orderId);
  const url = substituteOrderId(subscription.url, encodeURIComponent(orderId));
  // SecuTix has no auth, so GET carries no header at all.
  if (subscription.method === 'GET') return { method: 'GET', url, headers: {}, body: '', secretHeaders: [] };
  const { payloadTemplate } = subscription.settings;
  const body = payloadTemplate === undefined ? `{"orderId":${orderId}}` : substituteOrderId(payloadTemplate, orderId);
  return jsonRequest(subscription, body, { url });
}

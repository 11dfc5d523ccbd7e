import type { HookbusEvent } from '@hookbus/contracts';
import { eventDataOf, jsonInt64, RenderError } from '@hookbus/delivery-sdk';

/**
 * Komet's JSON, byte for byte: `{"companyId":6316,"orderId":6908}` for order confirmation and
 * cancellation; `{"companyId":…,"paymentId":…,"paymentNumber":"…"}` for payment cancellation, plus
 * `"orderIds":"17899,17900"` (one comma-separated string) when the event names any order. Ids are
 * JSON numbers; an int64 beyond 2^53 arrives as a digit string and is written as its digits, so
 * nothing is rounded.
 */
export function kometBody(event: HookbusEvent): string {
  switch (event.type) {
    case 'order.confirmed':
    case 'order.cancelled': {
      const { companyId, orderId } = eventDataOf(event, event.type);
      return `{"companyId":${jsonInt64(companyId)},"orderId":${jsonInt64(orderId)}}`;
    }
    case 'payment.cancelled': {
      const { companyId, paymentId, paymentNumber, orderIds } = eventDataOf(event, event.type);
      const head = `{"companyId":${jsonInt64(companyId)},"paymentId":${jsonInt64(paymentId)},"paymentNumber":${JSON.stringify(paymentNumber)}`;
      // An empty list names no order, so it is left out like a missing one.
      return orderIds && orderIds.length > 0 ? `${head},"orderIds":${JSON.stringify(orderIds.join(','))}}` : `${head}}`;
    }
    default:
      throw new RenderError(`komet does not deliver ${event.type} events`);
  }
}

import type { EventType, HookbusEvent } from '@hookbus/contracts';
import { testEvent } from '@hookbus/delivery-sdk/testing';

/** One hook of a vendor, an event it takes and a URL its subscriptions accept: enough to deliver. */
export interface VendorSample {
  readonly vendor: string;
  readonly hook: string;
  readonly url: string;
  readonly event: HookbusEvent;
}

const sample = (vendor: string, hook: string, url: string, type: EventType, data: Record<string, unknown>): VendorSample => ({
  vendor,
  hook,
  url,
  event: testEvent(type, data, { id: `evt_${vendor}` }),
});

const closedOrder = { orderId: 9001, orderDetailsData: { orderType: 'SALE', orderState: 'CLOSED', operationDatas: [{ productCode: 'P1', basePrice: 10000, quantity: 1 }] } };

export const VENDOR_SAMPLES: Readonly<Record<string, VendorSample>> = {
  komet: sample('komet', 'order-confirmation', 'https://erp.example/hook', 'order.confirmed', { companyId: 6316, orderId: 6908 }),
  komerce: sample('komerce', 'order-status', 'https://komerce.example/hook', 'shipment.status_changed', { orderNo: 'K-1', awb: 'A-1', status: 'Dijemput' }),
  secutix: sample('secutix', 'order-closed', 'https://box.example/orders/${orderId}', 'order.closed', closedOrder),
  postback: sample('postback', 'order.completed', 'https://shop.example/postback', 'order.completed', { id: 'ord-1' }),
};

import { randomBytes } from 'node:crypto';
import { type EventType, type HookbusEvent, NOTIFICATION_EVENT_TYPES, ORIGINS, type Origin, parseCloudEvent } from '@hookbus/contracts';

// Small but valid data for each commerce event type; postback events take a free-form object.
const SAMPLE_DATA: Partial<Record<EventType, unknown>> = {
  'order.confirmed': { companyId: 1, orderId: 1 },
  'order.cancelled': { companyId: 1, orderId: 1 },
  'payment.cancelled': { companyId: 1, paymentId: 1, paymentNumber: 'TEST-1', orderIds: [1] },
  'shipment.status_changed': { orderNo: 'TEST-1', awb: 'TEST-AWB-1', status: 'Diajukan' },
  'order.closed': {
    orderId: 1,
    orderDetailsData: { orderType: 'SALE', orderState: 'CLOSED', operationDatas: [{ productCode: 'TEST', basePrice: 0, quantity: 1 }] },
  },
};

/** A clearly marked sample event of `type` for a subscription's "send a test" button. */
export function testEvent(type: EventType, tenantId: string, subscriptionId: string, sources: readonly Origin[] = ORIGINS): HookbusEvent {
  const postback = (NOTIFICATION_EVENT_TYPES as readonly string[]).includes(type);
  const result = parseCloudEvent({
    specversion: '1.0',
    id: `test_${randomBytes(8).toString('hex')}`,
    source: 'urn:hookbus:config-service:test',
    type,
    time: new Date().toISOString(),
    subject: `test-${subscriptionId}`,
    tenantid: tenantId,
    ...(postback ? { origin: sources[0] ?? 'admin' } : {}),
    data: SAMPLE_DATA[type] ?? { test: true },
  });
  if (!result.ok) throw new Error(`sample ${type} event is invalid: ${JSON.stringify(result.issues)}`);
  return result.value;
}

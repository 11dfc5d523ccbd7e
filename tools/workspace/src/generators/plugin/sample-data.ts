import type { EventType } from '@hookbus/contracts';

// Data of a generated spec's event, valid for its type in libs/contracts (a spec checks every type).
const SAMPLES: Partial<Record<EventType, Record<string, unknown>>> = {
  'order.confirmed': { companyId: 6316, orderId: 6908 },
  'order.cancelled': { companyId: 6316, orderId: 6908 },
  'payment.cancelled': { companyId: 6316, paymentId: 222125, paymentNumber: '2271' },
  'shipment.status_changed': { orderNo: 'KOM-2025-0042', awb: 'JNE0123456789', status: 'Dikirim' },
  'order.closed': {
    orderId: 6908,
    orderDetailsData: { orderType: 'SALE', orderState: 'CLOSED', operationDatas: [{ productCode: 'TICKET-A', basePrice: 10000, quantity: 1 }] },
  },
};

/** Sample data for an event type; the free-form types (postback's) take any object. */
export const sampleData = (type: EventType): Record<string, unknown> => SAMPLES[type] ?? { id: 'sample-1' };

/** A value as TypeScript source in the house's style: single quotes, bare keys where they can be. */
export function tsLiteral(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(tsLiteral).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const fields = Object.entries(value).map(([key, field]) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : tsString(key)}: ${tsLiteral(field)}`);
    return fields.length === 0 ? '{}' : `{ ${fields.join(', ')} }`;
  }
  return typeof value === 'string' ? tsString(value) : String(value);
}

/** A single-quoted TypeScript string literal. */
export const tsString = (text: string): string => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

import { randomUUID } from 'node:crypto';

/** A valid `order.confirmed` CloudEvent; override any attribute. */
export function orderConfirmed(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: 'urn:hookbus:test',
    type: 'order.confirmed',
    time: new Date().toISOString(),
    subject: `order-${randomUUID().slice(0, 8)}`,
    tenantid: 'tnt_test',
    data: { companyId: 6316, orderId: 6908 },
    ...overrides,
  };
}

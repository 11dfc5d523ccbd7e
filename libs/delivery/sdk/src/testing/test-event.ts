import type { EventType, HookbusEvent } from '@hookbus/contracts';

/**
 * A valid-looking CloudEvent for plugin specs: fixed id, time and tenant, `subject` from the
 * usual id field of `data`; `overrides` replace any attribute (`origin: undefined` drops it).
 */
export function testEvent(type: EventType, data: Record<string, unknown>, overrides: Partial<HookbusEvent> = {}): HookbusEvent {
  const subject = data['orderId'] ?? data['paymentId'] ?? data['orderNo'] ?? data['id'] ?? 'subject-1';
  return {
    specversion: '1.0',
    id: 'evt_01HZX3K6Q7',
    source: '/hookbus/tests',
    type,
    time: '2025-03-14T09:26:53.589Z',
    subject: String(subject),
    tenantid: 'tenant_1',
    data,
    ...overrides,
  };
}

import { fromBinaryMode } from './cloud-event-binary';

describe('fromBinaryMode', () => {
  it('lifts ce- headers into attributes and keeps the body as data', () => {
    const event = fromBinaryMode(
      { 'ce-specversion': '1.0', 'ce-id': 'e1', 'CE-Type': 'order.confirmed', 'content-type': 'application/json', host: 'x' },
      { orderId: 1 },
      'ce-',
    );
    expect(event).toEqual({ specversion: '1.0', id: 'e1', type: 'order.confirmed', datacontenttype: 'application/json', data: { orderId: 1 } });
  });

  it('reads the Kafka binding prefix', () => {
    expect(fromBinaryMode({ ce_specversion: '1.0', ce_tenantid: 't1' }, {}, 'ce_')).toEqual({ specversion: '1.0', tenantid: 't1', data: {} });
  });

  it('returns undefined for a structured message', () => {
    expect(fromBinaryMode({ 'content-type': 'application/cloudevents+json' }, {}, 'ce-')).toBeUndefined();
  });
});

import { hasValidatedData, parseCloudEvent } from './cloud-event';
import { EventTypes } from './event-types';

const orderConfirmed = {
  specversion: '1.0',
  id: 'evt-1',
  source: 'urn:shop:eu-1',
  type: 'order.confirmed',
  time: '2026-11-22T10:00:00Z',
  subject: 'order-6908',
  tenantid: 'tnt_a',
  data: { companyId: 6316, orderId: 6908 },
};

describe('parseCloudEvent', () => {
  it('accepts a valid event and keeps extension attributes', () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const result = parseCloudEvent({ ...orderConfirmed, traceparent, tracestate: 'vendor=1', partnerref: 'p-7' });
    expect(result).toEqual({ ok: true, value: expect.objectContaining({ id: 'evt-1', traceparent, tracestate: 'vendor=1', partnerref: 'p-7' }) });
  });

  it('refuses a traceparent that is not W3C trace context, naming the field and the rule', () => {
    const result = parseCloudEvent({ ...orderConfirmed, traceparent: '00-abc' });
    expect(result).toEqual({ ok: false, issues: [{ field: 'traceparent', rule: 'invalid_format', message: expect.stringContaining('W3C traceparent') }] });
  });

  it('accepts int64 ids given as digit strings', () => {
    const result = parseCloudEvent({ ...orderConfirmed, data: { companyId: '9007199254740993', orderId: 1 } });
    expect(result.ok).toBe(true);
  });

  it('says an int64 id is required when it is missing', () => {
    const result = parseCloudEvent({ ...orderConfirmed, data: { companyId: 6316 } });
    expect(result).toEqual({ ok: false, issues: [{ field: 'data.orderId', rule: 'invalid_union', message: 'is required (an int64)' }] });
  });

  it('refuses data nested deeper than 64 levels, naming the rule', () => {
    const nested = (levels: number): unknown => (levels === 0 ? 1 : { level: nested(levels - 1) });
    const event = (levels: number) => ({ ...orderConfirmed, type: 'order.completed', data: nested(levels) });
    expect(parseCloudEvent(event(64)).ok).toBe(true);
    expect(parseCloudEvent(event(65))).toEqual({
      ok: false,
      issues: [{ field: 'data', rule: 'max_depth', message: 'must not nest objects or arrays deeper than 64 levels' }],
    });
  });

  it('names the field and the rule of a broken envelope', () => {
    const { specversion: _dropped, ...noVersion } = orderConfirmed;
    const result = parseCloudEvent({ ...noVersion, time: 'yesterday' });
    expect(result).toEqual({
      ok: false,
      issues: expect.arrayContaining([
        expect.objectContaining({ field: 'specversion', rule: 'invalid_value' }),
        expect.objectContaining({ field: 'time', rule: 'invalid_format' }),
      ]),
    });
  });

  it('refuses an unknown event type', () => {
    const result = parseCloudEvent({ ...orderConfirmed, type: 'order.teleported' });
    expect(result).toEqual({ ok: false, issues: [expect.objectContaining({ field: 'type', rule: 'invalid_value' })] });
  });

  it("validates data against its type's schema, with the path under data", () => {
    const result = parseCloudEvent({ ...orderConfirmed, data: { companyId: 6316, orderId: 'six' } });
    expect(result).toEqual({ ok: false, issues: [expect.objectContaining({ field: 'data.orderId' })] });
  });

  it('checks the nested order details of order.closed', () => {
    const result = parseCloudEvent({
      ...orderConfirmed,
      type: 'order.closed',
      data: { orderId: 5, orderDetailsData: { orderType: 'SALE', orderState: 'CLOSED', operationDatas: [{ productCode: 'P1', basePrice: 'x', quantity: 1 }] } },
    });
    expect(result).toEqual({
      ok: false,
      issues: [expect.objectContaining({ field: 'data.orderDetailsData.operationDatas.0.basePrice', rule: 'invalid_type' })],
    });
  });

  it('refuses an origin outside admin, shop and funnel', () => {
    const result = parseCloudEvent({ ...orderConfirmed, type: 'order.completed', origin: 'kiosk', data: {} });
    expect(result).toEqual({ ok: false, issues: [expect.objectContaining({ field: 'origin', rule: 'invalid_value' })] });
  });
});

describe('hasValidatedData', () => {
  it('knows the events parseCloudEvent returned, and nothing else', () => {
    const result = parseCloudEvent(orderConfirmed);
    if (!result.ok) throw new Error('expected a valid event');
    expect(hasValidatedData(result.value)).toBe(true);
    expect(hasValidatedData({ ...result.value })).toBe(false);
  });

  // eventDataOf hands a validated event's data out as is: that is right only while parsing a schema's output changes nothing.
  it.each([
    ['order.confirmed', { companyId: '9007199254740993', orderId: 6908, extra: { a: 1 } }],
    ['payment.cancelled', { companyId: 1, paymentId: 2, paymentNumber: 'P-2', orderIds: [3, 4] }],
    ['shipment.status_changed', { orderNo: 'A1', awb: 'AWB1', status: 'Dikirim' }],
    ['order.closed', { orderId: 1, orderDetailsData: { orderType: 'SALE', orderState: 'CLOSED', operationDatas: [{ productCode: 'X', basePrice: 1.5, quantity: 2, more: true }] } }],
    ['order.completed', { seq: 1, total: 125000 }],
  ] as const)('a %s schema yields its own output unchanged', (type, data) => {
    const schema = EventTypes[type].data;
    const once = schema.parse(data);
    expect(schema.parse(once)).toStrictEqual(once);
    expect(Object.keys(schema.parse(once))).toEqual(Object.keys(once));
  });
});

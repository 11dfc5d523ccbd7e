import { EventTypes, parseCloudEvent } from '@hookbus/contracts';
import { eventDataOf, RenderError } from './render-error';
import { testEvent } from './testing/test-event';

describe('eventDataOf', () => {
  it("returns the data parsed by the type's schema", () => {
    const event = testEvent('order.confirmed', { companyId: 6316, orderId: '6908', extra: true });
    expect(eventDataOf(event, 'order.confirmed')).toEqual({ companyId: 6316, orderId: '6908', extra: true });
  });

  it('hands out the data of an event parseCloudEvent validated without parsing it again', () => {
    const decoded = parseCloudEvent(testEvent('order.confirmed', { companyId: 6316, orderId: 6908 }));
    if (!decoded.ok) throw new Error('expected a valid event');
    const parse = jest.spyOn(EventTypes['order.confirmed'].data, 'safeParse');
    try {
      expect(eventDataOf(decoded.value, 'order.confirmed')).toBe(decoded.value.data);
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  it('throws a non-retriable RenderError for another type', () => {
    const event = testEvent('order.cancelled', { companyId: 1, orderId: 2 });
    expect(() => eventDataOf(event, 'order.confirmed')).toThrow(new RenderError('expected a order.confirmed event, got order.cancelled'));
    expect(new RenderError('x')).toMatchObject({ name: 'RenderError', code: 'render_failed', retriable: false });
  });

  it('names the missing fields', () => {
    const event = testEvent('shipment.status_changed', { orderNo: 'A1' });
    expect(() => eventDataOf(event, 'shipment.status_changed')).toThrow(/data\.awb: .*data\.status: /);
  });
});

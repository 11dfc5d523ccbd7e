import { validate } from '@hookbus/contracts';
import { listDeliveriesQuery } from './deliveries.schemas';
import { encodeCursor } from './delivery-cursor';

describe('listDeliveriesQuery', () => {
  it('reads filters, a cursor and a limit', () => {
    const createdAt = new Date('2025-01-01T00:00:00.123Z');
    const result = validate(listDeliveriesQuery, {
      subscriptionId: 'sub_1', status: 'failed', cursor: encodeCursor({ createdAt, id: 'dlv_1' }), limit: '10',
    });
    expect(result).toEqual({
      ok: true,
      value: { subscriptionId: 'sub_1', status: 'failed', cursor: { createdAt, id: 'dlv_1' }, limit: 10 },
    });
  });

  it('treats an empty parameter as no filter', () => {
    expect(validate(listDeliveriesQuery, { subject: '', status: '' })).toEqual({ ok: true, value: {} });
  });

  it.each([
    ['status', { status: 'lost' }],
    ['cursor', { cursor: 'not-a-cursor' }],
    ['limit', { limit: '0' }],
    ['limit', { limit: '101' }],
  ])('names %s when it is invalid', (field, query) => {
    const result = validate(listDeliveriesQuery, query);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((issue) => issue.field)).toEqual([field]);
  });
});

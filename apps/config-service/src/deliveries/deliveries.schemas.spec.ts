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
    expect(validate(listDeliveriesQuery, { subject: '', status: '', since: '', until: '' })).toEqual({ ok: true, value: {} });
  });

  it('reads a window of first attempts, either end open', () => {
    expect(validate(listDeliveriesQuery, { since: '2025-06-01T12:00:00Z', until: '2025-06-01T14:00:00+02:00' })).toEqual({
      ok: false,
      issues: [expect.objectContaining({ field: 'until', message: 'must be after `since`' })],
    });
    expect(validate(listDeliveriesQuery, { since: '2025-06-01T12:00:00Z', until: '2025-06-01T12:00:01Z' })).toEqual({
      ok: true,
      value: { since: new Date('2025-06-01T12:00:00Z'), until: new Date('2025-06-01T12:00:01Z') },
    });
    expect(validate(listDeliveriesQuery, { until: '2025-06-01T12:00:00Z' })).toEqual({ ok: true, value: { until: new Date('2025-06-01T12:00:00Z') } });
  });

  it.each([
    ['status', { status: 'lost' }],
    ['cursor', { cursor: 'not-a-cursor' }],
    ['limit', { limit: '0' }],
    ['limit', { limit: '101' }],
    ['since', { since: 'yesterday' }],
    ['until', { until: '2025-06-01' }],
  ])('names %s when it is invalid', (field, query) => {
    const result = validate(listDeliveriesQuery, query);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((issue) => issue.field)).toEqual([field]);
  });
});

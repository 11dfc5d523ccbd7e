import { fillBuckets } from './delivery-buckets';

const hour = (h: number) => Date.UTC(2025, 5, 1, h);
const zero = { pending: 0, delivered: 0, retrying: 0, failed: 0, abandoned: 0, cancelled: 0 };

describe('fillBuckets', () => {
  it('gives every bucket every status, zero where no row counts it, in the order of the starts', () => {
    const buckets = fillBuckets([hour(10), hour(11), hour(12)], [
      { start: hour(12), status: 'failed', count: 2 },
      { start: hour(10), status: 'delivered', count: 5 },
      { start: hour(10), status: 'pending', count: 1 },
    ]);
    expect(buckets).toEqual([
      { start: '2025-06-01T10:00:00.000Z', ...zero, delivered: 5, pending: 1 },
      { start: '2025-06-01T11:00:00.000Z', ...zero },
      { start: '2025-06-01T12:00:00.000Z', ...zero, failed: 2 },
    ]);
  });

  it('ignores a row outside the buckets or of an unknown status', () => {
    expect(fillBuckets([hour(10)], [
      { start: hour(9), status: 'delivered', count: 5 },
      { start: hour(10), status: 'lost', count: 1 },
    ])).toEqual([{ start: '2025-06-01T10:00:00.000Z', ...zero }]);
  });
});

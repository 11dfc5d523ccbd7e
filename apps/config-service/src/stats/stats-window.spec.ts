import { bucketCount, bucketStart, bucketStarts } from './stats-window';

const at = (iso: string) => new Date(iso);
const iso = (starts: number[]) => starts.map((start) => new Date(start).toISOString());

describe('bucketStart', () => {
  it('is the start of the UTC hour or day', () => {
    expect(new Date(bucketStart(Date.parse('2025-06-01T13:59:59.999Z'), 'hour')).toISOString()).toBe('2025-06-01T13:00:00.000Z');
    expect(new Date(bucketStart(Date.parse('2025-06-01T23:30:00+02:00'), 'day')).toISOString()).toBe('2025-06-01T00:00:00.000Z');
    expect(new Date(bucketStart(Date.parse('2025-06-01T00:00:00Z'), 'day')).toISOString()).toBe('2025-06-01T00:00:00.000Z');
  });
});

describe('bucketStarts', () => {
  it('lists every bucket the window touches, oldest first, the first and last partly outside it', () => {
    const window = { since: at('2025-06-01T10:30:00Z'), until: at('2025-06-01T12:15:00Z') };
    expect(iso(bucketStarts(window, 'hour'))).toEqual(['2025-06-01T10:00:00.000Z', '2025-06-01T11:00:00.000Z', '2025-06-01T12:00:00.000Z']);
    expect(bucketCount(window, 'hour')).toBe(3);
  });

  it('leaves out the bucket that starts exactly at until (until is excluded)', () => {
    const window = { since: at('2025-06-01T10:00:00Z'), until: at('2025-06-01T12:00:00Z') };
    expect(iso(bucketStarts(window, 'hour'))).toEqual(['2025-06-01T10:00:00.000Z', '2025-06-01T11:00:00.000Z']);
  });

  it('has 25 hours for a day not on the hour and 8 days for a week not at midnight', () => {
    const until = at('2025-06-08T10:30:00Z');
    expect(bucketCount({ since: at('2025-06-07T10:30:00Z'), until }, 'hour')).toBe(25);
    expect(bucketCount({ since: at('2025-06-01T10:30:00Z'), until }, 'day')).toBe(8);
  });

  it('crosses a month and a daylight-saving change like any other UTC day', () => {
    const window = { since: at('2025-03-29T00:00:00Z'), until: at('2025-04-02T00:00:00Z') };
    expect(iso(bucketStarts(window, 'day'))).toEqual([
      '2025-03-29T00:00:00.000Z', '2025-03-30T00:00:00.000Z', '2025-03-31T00:00:00.000Z', '2025-04-01T00:00:00.000Z',
    ]);
  });
});

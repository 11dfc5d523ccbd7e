import { idSlices, MAX_IDS_PER_STATEMENT, placeholders } from './plain-sql';

describe('plain SQL helpers', () => {
  it('writes one placeholder per value', () => {
    expect(placeholders(1)).toBe('?');
    expect(placeholders(3)).toBe('?, ?, ?');
  });

  it('binds a claim of up to MAX_IDS_PER_STATEMENT ids in one statement, a larger one in slices, none without ids', () => {
    const ids = (count: number) => Array.from({ length: count }, (_, index) => `id${index}`);
    expect(idSlices([])).toEqual([]);
    expect(idSlices(ids(MAX_IDS_PER_STATEMENT))).toEqual([ids(MAX_IDS_PER_STATEMENT)]);
    const large = ids(2 * MAX_IDS_PER_STATEMENT + 1);
    expect(idSlices(large).map((slice) => slice.length)).toEqual([MAX_IDS_PER_STATEMENT, MAX_IDS_PER_STATEMENT, 1]);
    expect(idSlices(large).flat()).toEqual(large);
  });
});

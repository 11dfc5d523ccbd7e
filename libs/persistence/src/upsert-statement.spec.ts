import { upsertStatement } from './upsert-statement';

describe('upsertStatement', () => {
  const rows = [
    { id: 'a', n: 1, note: 'x' },
    { id: 'b', n: 2, note: null },
  ];

  it('inserts every row with bound values and updates the given columns on a conflict', () => {
    expect(upsertStatement('t', rows, ['id'], { note: 'excluded.note', n: 't.n + 1' })).toEqual({
      sql: 'insert into t (id, n, note) values (?, ?, ?), (?, ?, ?) on conflict (id) do update set note = excluded.note, n = t.n + 1',
      bindings: ['a', 1, 'x', 'b', 2, null],
    });
  });

  it('keeps the stored row when there is nothing to update', () => {
    expect(upsertStatement('t', rows.slice(0, 1), ['id', 'n'], {}).sql).toBe('insert into t (id, n, note) values (?, ?, ?) on conflict (id, n) do nothing');
  });
});

import { validate } from '@hookbus/contracts';
import { encodeCursor } from '../deliveries/delivery-cursor';
import { listTenantsQuery } from './tenant.schemas';

describe('listTenantsQuery', () => {
  const issues = (query: Record<string, string>) => {
    const result = validate(listTenantsQuery, query);
    return result.ok ? [] : result.issues.map(({ field, rule }) => [field, rule]);
  };

  it('takes a limit of 1 to 200 and a cursor of a previous page', () => {
    const cursor = { createdAt: new Date('2026-01-01T00:00:00.000Z'), id: 'tnt_1' };
    expect(validate(listTenantsQuery, { limit: '200', cursor: encodeCursor(cursor) })).toEqual({ ok: true, value: { limit: 200, cursor } });
    expect(validate(listTenantsQuery, { limit: '', cursor: '' })).toEqual({ ok: true, value: {} });
  });

  it('names a bad limit or cursor', () => {
    expect(issues({ limit: '0' })).toEqual([['limit', 'too_small']]);
    expect(issues({ limit: '201' })).toEqual([['limit', 'too_big']]);
    expect(issues({ limit: 'ten' })).toEqual([['limit', 'invalid_format']]);
    expect(issues({ cursor: 'bogus' })).toEqual([['cursor', 'custom']]);
  });
});

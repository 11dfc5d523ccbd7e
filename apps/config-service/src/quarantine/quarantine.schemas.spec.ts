import { validate } from '@hookbus/contracts';
import { listQuarantineQuery, replayRequest } from './quarantine.schemas';

const fields = (schema: typeof replayRequest | typeof listQuarantineQuery, value: unknown) => {
  const result = validate(schema, value);
  return result.ok ? [] : result.issues.map(({ field }) => field).sort();
};

describe('quarantine schemas', () => {
  it('takes ids, or a whole window, and names each field it refuses', () => {
    expect(fields(replayRequest, { ids: ['0:1', '2:42'] })).toEqual([]);
    expect(fields(replayRequest, { topic: 't', since: '2026-01-01T00:00:00Z', until: '2026-01-02T00:00:00Z' })).toEqual([]);
    expect(fields(replayRequest, { ids: ['0-1'] })).toEqual(['ids.0']);
    expect(fields(replayRequest, { ids: [] })).toEqual(['ids']);
    expect(fields(replayRequest, {})).toEqual(['since', 'topic', 'until']);
    expect(fields(replayRequest, { ids: ['0:1'], topic: 't' })).toEqual(['ids']);
    expect(fields(replayRequest, { topic: 't', since: '2026-01-02T00:00:00Z', until: '2026-01-01T00:00:00Z' })).toEqual(['until']);
  });

  it('reads a list query from strings, an empty parameter meaning no filter', () => {
    expect(validate(listQuarantineQuery, { topic: '', limit: '5', cursor: '1:7' })).toEqual({ ok: true, value: { limit: 5, cursor: '1:7' } });
    expect(fields(listQuarantineQuery, { limit: '101' })).toEqual(['limit']);
    expect(fields(listQuarantineQuery, { cursor: 'next' })).toEqual(['cursor']);
  });
});

import { withHeaders } from './merged-headers';

describe('withHeaders', () => {
  it('is the spread of both, in the same key order: the added ones win and new names follow', () => {
    const headers = { 'Content-Type': 'application/json', Accept: 'application/json', 'webhook-id': 'old' };
    const added = { 'webhook-id': 'dlv_1', 'webhook-timestamp': '1700000000', 'webhook-signature': 'v1,abc' };
    const merged = withHeaders(headers, added);
    expect(merged).toStrictEqual({ ...headers, ...added });
    expect(Object.keys(merged)).toEqual(Object.keys({ ...headers, ...added }));
    expect(headers['webhook-id']).toBe('old');
  });

  it('takes a third set last, as a third spread would', () => {
    const headers = { 'Content-Type': 'application/json', traceparent: 'the vendor template\'s' };
    const added = { 'webhook-id': 'dlv_1' };
    const more = { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' };
    const merged = withHeaders(headers, added, more);
    expect(merged).toStrictEqual({ ...headers, ...added, ...more });
    expect(Object.keys(merged)).toEqual(Object.keys({ ...headers, ...added, ...more }));
  });
});

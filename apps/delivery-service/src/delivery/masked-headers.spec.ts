import { MASK } from '@hookbus/contracts';
import { maskHeaders } from './masked-headers';

describe('maskHeaders', () => {
  it('masks the secret headers and the signature, whatever their case', () => {
    const headers = { Authorization: 'Bearer x', 'Webhook-Signature': 'v1,abc', 'webhook-id': 'dlv_1' };
    expect(maskHeaders(headers, ['authorization'])).toEqual({ Authorization: MASK, 'Webhook-Signature': MASK, 'webhook-id': 'dlv_1' });
  });
});

describe('maskHeaders, header by header', () => {
  it('keeps every header in its place and leaves the input alone', () => {
    const headers = { 'Content-Type': 'application/json', authenticationToken: 't0k', 'webhook-signature': 'v1,x', Accept: '*/*' };
    const masked = maskHeaders(headers, ['AuthenticationToken']);
    expect(Object.entries(masked)).toEqual([['Content-Type', 'application/json'], ['authenticationToken', MASK], ['webhook-signature', MASK], ['Accept', '*/*']]);
    expect(headers.authenticationToken).toBe('t0k');
  });
});

import { MASK } from '@hookbus/contracts';
import { maskHeaders } from './masked-headers';

describe('maskHeaders', () => {
  it('masks the secret headers and the signature, whatever their case', () => {
    const headers = { Authorization: 'Bearer x', 'Webhook-Signature': 'v1,abc', 'webhook-id': 'dlv_1' };
    expect(maskHeaders(headers, ['authorization'])).toEqual({ Authorization: MASK, 'Webhook-Signature': MASK, 'webhook-id': 'dlv_1' });
  });
});

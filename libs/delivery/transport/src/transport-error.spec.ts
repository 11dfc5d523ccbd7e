import { isInvalidRequestError, transportErrorCode } from './transport-error';
import { EgressRefusedError } from './egress-refused.error';

const coded = (code: string, name = 'Error') => Object.assign(new Error(code), { code, name });

describe('transportErrorCode', () => {
  it.each([
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout'],
    ['UND_ERR_HEADERS_TIMEOUT', 'timeout'],
    ['ENOTFOUND', 'dns'],
    ['EAI_AGAIN', 'dns'],
    ['ECONNREFUSED', 'connection'],
    ['ECONNRESET', 'connection'],
    ['UND_ERR_SOCKET', 'connection'],
    ['CERT_HAS_EXPIRED', 'tls'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls'],
    ['HPE_INVALID_CONSTANT', 'protocol'],
    ['UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'protocol'],
  ])('%s is %s', (code, expected) => {
    expect(transportErrorCode(coded(code))).toBe(expected);
  });

  it('recognises the egress refusal, causes, and falls back to connection', () => {
    expect(transportErrorCode(new EgressRefusedError('localhost', '127.0.0.1', 'loopback'))).toBe('ssrf_refused');
    expect(transportErrorCode(new Error('fetch failed', { cause: coded('ENOTFOUND') }))).toBe('dns');
    expect(transportErrorCode('weird')).toBe('connection');
  });

  it('tells a request that could never be sent', () => {
    expect(isInvalidRequestError(coded('UND_ERR_INVALID_ARG'))).toBe(true);
    expect(isInvalidRequestError(coded('ECONNRESET'))).toBe(false);
  });
});

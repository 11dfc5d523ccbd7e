import { formatApiKey, hashKeySecret, keySecretMatches, newKeyId, newKeySecret, parseApiKey } from './api-key';

describe('API keys', () => {
  it('formats and parses a key back into its id and secret', () => {
    const keyId = newKeyId();
    const secret = newKeySecret();
    expect(parseApiKey(formatApiKey(keyId, secret))).toEqual({ keyId, secret });
  });

  it('refuses anything that is not a well-formed key', () => {
    expect(parseApiKey('hbk_key_123.abc')).toBeUndefined();
    expect(parseApiKey('Bearer something')).toBeUndefined();
    expect(parseApiKey(`${formatApiKey(newKeyId(), newKeySecret())} `)).toBeUndefined();
  });

  it('matches a secret only against its own hash', () => {
    const secret = newKeySecret();
    expect(keySecretMatches(secret, hashKeySecret(secret))).toBe(true);
    expect(keySecretMatches(newKeySecret(), hashKeySecret(secret))).toBe(false);
    expect(keySecretMatches(secret, 'not-a-hash')).toBe(false);
  });
});

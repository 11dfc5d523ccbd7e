import { formatApiKey, hashSecret, newKeyId, newKeySecret, parseApiKey, secretMatches } from './api-key-secret';

describe('API key secrets', () => {
  it('formats and parses a key back into its id and secret', () => {
    const keyId = newKeyId();
    const secret = newKeySecret();
    expect(parseApiKey(formatApiKey(keyId, secret))).toEqual({ keyId, secret });
  });

  it('refuses anything that is not a well-formed key', () => {
    expect(parseApiKey('hbk_key_123.abc')).toBeUndefined();
    expect(parseApiKey('Bearer something')).toBeUndefined();
  });

  it('matches a secret only against its own hash', () => {
    const secret = newKeySecret();
    expect(secretMatches(secret, hashSecret(secret))).toBe(true);
    expect(secretMatches(newKeySecret(), hashSecret(secret))).toBe(false);
  });
});

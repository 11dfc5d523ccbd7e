import { formatApiKey, hashSecret, isOperatorToken, newKeyId, newKeySecret, parseApiKey, secretMatches } from './api-key-secret';

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

  it('compares the operator token exactly', () => {
    expect(isOperatorToken('op-token-1234567890', 'op-token-1234567890')).toBe(true);
    expect(isOperatorToken('op-token-123456789', 'op-token-1234567890')).toBe(false);
  });
});

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API keys look like `hbk_<keyId>.<secret>`. Only a SHA-256 of the secret is stored: the secret is
 * 256 random bits, so a slow hash adds nothing, and lookup stays one indexed read by key id.
 */
export const newKeyId = (): string => `key_${randomBytes(8).toString('hex')}`;
export const newKeySecret = (): string => randomBytes(32).toString('base64url');
export const formatApiKey = (keyId: string, secret: string): string => `hbk_${keyId}.${secret}`;
export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

export function parseApiKey(presented: string): { keyId: string; secret: string } | undefined {
  const match = /^hbk_(key_[0-9a-f]{16})\.([A-Za-z0-9_-]{43})$/.exec(presented);
  return match ? { keyId: match[1], secret: match[2] } : undefined;
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

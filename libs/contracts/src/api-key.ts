import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const API_KEY_ROLES = ['admin', 'setup', 'producer'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

/**
 * API keys look like `hbk_<keyId>.<secret>`. Only a SHA-256 of the secret is kept (by config-service
 * and on `hookbus.api-keys.v1`): the secret is 256 random bits, so a slow hash adds nothing, and a
 * lookup stays one read by key id.
 */
export const newKeyId = (): string => `key_${randomBytes(8).toString('hex')}`;
export const newKeySecret = (): string => randomBytes(32).toString('base64url');
export const formatApiKey = (keyId: string, secret: string): string => `hbk_${keyId}.${secret}`;
export const hashKeySecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

export function parseApiKey(presented: string): { keyId: string; secret: string } | undefined {
  const match = /^hbk_(key_[0-9a-f]{16})\.([A-Za-z0-9_-]{43})$/.exec(presented);
  return match ? { keyId: match[1], secret: match[2] } : undefined;
}

/** Constant-time comparison of a presented secret with a stored SHA-256 (hex). */
export function keySecretMatches(secret: string, storedSha256: string): boolean {
  const presented = Buffer.from(hashKeySecret(secret), 'hex');
  const stored = Buffer.from(storedSha256, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

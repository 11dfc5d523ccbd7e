import { createHash, randomBytes } from 'node:crypto';

/** A new secret for a session cookie or a portal link: 32 random bytes, base64url (43 characters). */
export const newSecretToken = (): string => randomBytes(32).toString('base64url');

/** What the database keeps of a token: its SHA-256 (hex), so reading the table yields nothing that signs in. */
export const tokenSha256 = (token: string): string => createHash('sha256').update(token).digest('hex');

/** A token's shape, checked before any lookup: 43 base64url characters. */
export const looksLikeSecretToken = (value: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(value);

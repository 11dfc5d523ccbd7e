import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const V1 = 'enc:v1:';
const V2 = 'enc:v2:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export const SECRET_KEY_RULE = 'must be 32 bytes as base64url (43 characters), base64 (44) or hex (64), e.g. `openssl rand -base64 32`';
const ENCODED_KEY = /^(?:[0-9a-fA-F]{64}|[A-Za-z0-9_-]{43}|[A-Za-z0-9+/]{43}=)$/;

export const isEncodedSecretKey = (encoded: string): boolean => ENCODED_KEY.test(encoded.trim());

/** Reads a 32-byte key; the error states the rule, never the value. */
export function decodeSecretKey(encoded: string): Buffer {
  const trimmed = encoded.trim();
  if (!isEncodedSecretKey(trimmed)) throw new Error(`the secret key ${SECRET_KEY_RULE}`);
  return Buffer.from(trimmed, trimmed.length === 64 ? 'hex' : 'base64url');
}

// Names a key in its ciphertexts without revealing anything about it.
const keyIdOf = (key: Buffer): string => createHmac('sha256', key).update('hookbus secret key id').digest().subarray(0, 6).toString('base64url');

/**
 * Seals secrets at rest and on the stream with AES-256-GCM as `enc:v2:<kid>.<iv>.<tag>.<data>`
 * (base64url). `kid` names the key that sealed it; `context` (where the secret belongs) is
 * authenticated, so a ciphertext opens only in the place it was sealed for. Previous keys still
 * open what they sealed, for a key rotation; so do keys tried in turn on the older `enc:v1:` form,
 * which has no key id and no context.
 */
export class SecretBox {
  /** The current key's id: what `encrypt` writes and `isCurrent` looks for. */
  readonly keyId: string;
  private readonly key: Buffer;
  private readonly keys: ReadonlyMap<string, Buffer>;

  constructor(current: Buffer, previous: readonly Buffer[] = []) {
    const keys = new Map<string, Buffer>();
    for (const key of [current, ...previous]) {
      if (key.length !== 32) throw new Error('the secret key must be 32 bytes');
      const id = keyIdOf(key);
      if (keys.has(id)) throw new Error(`the secret key ${id} is given twice: the current and the previous keys must all differ`);
      keys.set(id, key);
    }
    this.key = current;
    this.keyId = keyIdOf(current);
    this.keys = keys;
  }

  static fromEncodedKeys(current: string, previous: readonly string[] = []): SecretBox {
    return new SecretBox(decodeSecretKey(current), previous.map(decodeSecretKey));
  }

  /** The ids of every key that opens ciphertexts, current first. */
  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  encrypt(plain: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${V2}${this.keyId}.${[iv, cipher.getAuthTag(), data].map((part) => part.toString('base64url')).join('.')}`;
  }

  decrypt(sealed: string, context: string): string {
    if (sealed.startsWith(V2)) {
      const [id, ...parts] = sealed.slice(V2.length).split('.');
      const key = this.keys.get(id);
      if (!key) throw new Error(`the value is sealed under key ${id}, which is not one of the configured keys (${this.keyIds.join(', ')})`);
      return open(key, parts, Buffer.from(context, 'utf8'));
    }
    if (!sealed.startsWith(V1)) throw new Error('not an encrypted value');
    // No key id: whichever key opens it sealed it.
    const parts = sealed.slice(V1.length).split('.');
    let failure: unknown;
    for (const key of this.keys.values()) {
      try {
        return open(key, parts);
      } catch (error) {
        failure = error;
      }
    }
    throw failure;
  }

  /** False when the value should be sealed again: under a previous key, or in the `enc:v1:` form. */
  isCurrent(sealed: string): boolean {
    return sealed.startsWith(`${V2}${this.keyId}.`);
  }
}

function open(key: Buffer, parts: readonly string[], context?: Buffer): string {
  const [iv, tag, data] = parts.map((part) => Buffer.from(part, 'base64url'));
  if (parts.length !== 3 || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new Error(`a sealed value holds a ${IV_BYTES}-byte IV, a ${TAG_BYTES}-byte tag and the data`);
  }
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAuthTag(tag);
  if (context) decipher.setAAD(context);
  try {
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  } catch {
    throw new Error('the sealed value does not open: another key sealed it, it belongs to another field, or it was altered');
  }
}

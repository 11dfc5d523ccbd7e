import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const PREFIX = 'enc:v1:';

/**
 * Encrypts secrets at rest and on the stream (AES-256-GCM). Ciphertexts look like
 * `enc:v1:<iv>.<tag>.<data>` (base64url), so an encrypted value is never mistaken for a plain one.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('the secret key must be 32 bytes');
    this.key = key;
  }

  /** Accepts 32 bytes as base64/base64url (44/43 chars) or hex (64 chars). */
  static fromEncodedKey(encoded: string): SecretBox {
    const trimmed = encoded.trim();
    return new SecretBox(Buffer.from(trimmed, /^[0-9a-f]{64}$/i.test(trimmed) ? 'hex' : 'base64url'));
  }

  static isEncrypted(value: string): boolean {
    return value.startsWith(PREFIX);
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${PREFIX}${[iv, cipher.getAuthTag(), data].map((part) => part.toString('base64url')).join('.')}`;
  }

  decrypt(sealed: string): string {
    if (!SecretBox.isEncrypted(sealed)) throw new Error('not an encrypted value');
    const [iv, tag, data] = sealed.slice(PREFIX.length).split('.').map((part) => Buffer.from(part, 'base64url'));
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  }
}

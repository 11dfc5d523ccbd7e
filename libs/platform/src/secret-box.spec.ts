import { createCipheriv, randomBytes } from 'node:crypto';
import { decodeSecretKey, SecretBox } from './secret-box';

const HERE = 'sub_1/auth.token';

// The form sealed before key ids and contexts existed: `enc:v1:<iv>.<tag>.<data>`, no AAD.
function sealV1(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `enc:v1:${[iv, cipher.getAuthTag(), data].map((part) => part.toString('base64url')).join('.')}`;
}

const withTag = (sealed: string, cut: (tag: Buffer) => Buffer): string => {
  const parts = sealed.split('.');
  const tagAt = parts.length - 2;
  parts[tagAt] = cut(Buffer.from(parts[tagAt], 'base64url')).toString('base64url');
  return parts.join('.');
};

describe('SecretBox', () => {
  const key = randomBytes(32);
  const box = new SecretBox(key);

  it('round-trips a secret under the current key id and never shows the plain text', () => {
    const sealed = box.encrypt('s3cr3t-token', HERE);
    expect(sealed).toMatch(new RegExp(`^enc:v2:${box.keyId}\\.[\\w-]+\\.[\\w-]+\\.[\\w-]+$`));
    expect(sealed).not.toContain('s3cr3t');
    expect(box.decrypt(sealed, HERE)).toBe('s3cr3t-token');
    expect(box.isCurrent(sealed)).toBe(true);
  });

  it('uses a fresh IV each time', () => {
    expect(box.encrypt('same', HERE)).not.toBe(box.encrypt('same', HERE));
  });

  it('refuses a ciphertext from another key or one that was tampered with', () => {
    const sealed = box.encrypt('secret', HERE);
    expect(() => new SecretBox(randomBytes(32)).decrypt(sealed, HERE)).toThrow(/not one of the configured keys/);
    expect(() => box.decrypt(`${sealed.slice(0, -2)}AA`, HERE)).toThrow('does not open');
  });

  it.each([4, 8, 12, 15])('refuses a tag cut to %i bytes, in either form', (bytes) => {
    const cut = (tag: Buffer) => tag.subarray(0, bytes);
    expect(() => box.decrypt(withTag(box.encrypt('secret', HERE), cut), HERE)).toThrow('16-byte tag');
    expect(() => box.decrypt(withTag(sealV1(key, 'secret'), cut), HERE)).toThrow('16-byte tag');
  });

  it('opens a ciphertext only in the subscription and field it was sealed for', () => {
    const sealed = box.encrypt('secret', 'sub_1/auth.token');
    expect(() => box.decrypt(sealed, 'sub_2/auth.token')).toThrow('belongs to another field');
    expect(() => box.decrypt(sealed, 'sub_1/signingSecret')).toThrow('belongs to another field');
  });

  it('derives a key id from the key, the same for the same key and different for another', () => {
    expect(new SecretBox(Buffer.from(key)).keyId).toBe(box.keyId);
    expect(new SecretBox(randomBytes(32)).keyId).not.toBe(box.keyId);
    expect(box.keyId).toMatch(/^[\w-]{8}$/);
  });

  it('opens what a previous key sealed and seals anew under the current key', () => {
    const rotated = new SecretBox(randomBytes(32), [key]);
    const old = box.encrypt('secret', HERE);

    expect(rotated.decrypt(old, HERE)).toBe('secret');
    expect(rotated.isCurrent(old)).toBe(false);
    const resealed = rotated.encrypt(rotated.decrypt(old, HERE), HERE);
    expect(rotated.isCurrent(resealed)).toBe(true);
    expect(() => box.decrypt(resealed, HERE)).toThrow(`sealed under key ${rotated.keyId}`);
    expect(rotated.keyIds).toEqual([rotated.keyId, box.keyId]);
  });

  it('still opens the enc:v1: form with whichever key sealed it, and marks it for sealing again', () => {
    const previous = randomBytes(32);
    const rotated = new SecretBox(key, [previous]);
    expect(rotated.decrypt(sealV1(key, 'under-current'), HERE)).toBe('under-current');
    expect(rotated.decrypt(sealV1(previous, 'under-previous'), 'any context')).toBe('under-previous');
    expect(rotated.isCurrent(sealV1(key, 'x'))).toBe(false);
    expect(() => rotated.decrypt(sealV1(randomBytes(32), 'x'), HERE)).toThrow('does not open');
  });

  it('refuses the same key given twice', () => {
    expect(() => new SecretBox(key, [Buffer.from(key)])).toThrow(`the secret key ${box.keyId} is given twice`);
  });
});

describe('decodeSecretKey', () => {
  const key = randomBytes(32);

  it('reads 32 bytes given as base64url, base64 or hex', () => {
    expect(decodeSecretKey(key.toString('base64url'))).toEqual(key);
    expect(decodeSecretKey(` ${key.toString('base64')}\n`)).toEqual(key);
    expect(decodeSecretKey(key.toString('hex'))).toEqual(key);
  });

  it.each(['short', `${'a'.repeat(42)}!`, 'change-me-to-32-random-bytes-base64', key.toString('hex').slice(2)])(
    'refuses %j with the rule and without the value',
    (value) => {
      let message = '';
      try {
        decodeSecretKey(value);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/^the secret key must be 32 bytes as base64url/);
      expect(message).not.toContain(value);
    },
  );
});

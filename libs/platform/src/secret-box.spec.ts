import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  it('round-trips a secret and never shows the plain text', () => {
    const sealed = box.encrypt('s3cr3t-token');
    expect(sealed).toMatch(/^enc:v1:/);
    expect(sealed).not.toContain('s3cr3t');
    expect(box.decrypt(sealed)).toBe('s3cr3t-token');
  });

  it('uses a fresh IV each time', () => {
    expect(box.encrypt('same')).not.toBe(box.encrypt('same'));
  });

  it('refuses a ciphertext from another key or one that was tampered with', () => {
    const sealed = box.encrypt('secret');
    expect(() => new SecretBox(randomBytes(32)).decrypt(sealed)).toThrow();
    expect(() => box.decrypt(`${sealed.slice(0, -2)}AA`)).toThrow();
  });

  it('reads a key given as base64url or hex', () => {
    const key = randomBytes(32);
    const sealed = new SecretBox(key).encrypt('x');
    expect(SecretBox.fromEncodedKey(key.toString('base64url')).decrypt(sealed)).toBe('x');
    expect(SecretBox.fromEncodedKey(key.toString('hex')).decrypt(sealed)).toBe('x');
    expect(() => SecretBox.fromEncodedKey('short')).toThrow('32 bytes');
  });
});

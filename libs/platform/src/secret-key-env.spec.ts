import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { loadEnv } from './env';
import { SecretBox } from './secret-box';
import { LOCAL_SECRET_KEY_FILE, secretBoxFromEnv, secretKeyEnv } from './secret-key-env';

const schema = z.object(secretKeyEnv());
const newKey = () => randomBytes(32).toString('base64url');

describe('secretKeyEnv', () => {
  it('reads the current key and a comma-separated list of previous keys', () => {
    const [current, older, oldest] = [newKey(), newKey(), randomBytes(32).toString('hex')];
    const env = loadEnv(schema, { HOOKBUS_SECRET_KEY: current, HOOKBUS_SECRET_KEY_PREVIOUS: ` ${older}, ${oldest} ` });
    expect(env).toEqual({ HOOKBUS_SECRET_KEY: current, HOOKBUS_SECRET_KEY_PREVIOUS: [older, oldest] });
    expect(loadEnv(schema, {})).toEqual({ HOOKBUS_SECRET_KEY: undefined, HOOKBUS_SECRET_KEY_PREVIOUS: [] });
  });

  it('names the variable and the rule of a malformed key, never its value', () => {
    const badPrevious = 'not-a-key-but-long-enough';
    let message = '';
    try {
      loadEnv(schema, { HOOKBUS_SECRET_KEY: 'change-me-to-32-random-bytes-base64', HOOKBUS_SECRET_KEY_PREVIOUS: `${newKey()},${badPrevious}` });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('HOOKBUS_SECRET_KEY: must not be a placeholder');
    expect(message).toContain('HOOKBUS_SECRET_KEY: must be 32 bytes as base64url (43 characters), base64 (44) or hex (64)');
    expect(message).toContain('HOOKBUS_SECRET_KEY_PREVIOUS: each key must be 32 bytes');
    expect(message).toContain('(the value is not shown)');
    expect(message).not.toContain('change-me-to');
    expect(message).not.toContain(badPrevious);
  });
});

describe('secretBoxFromEnv', () => {
  it('seals under the current key and opens under the previous ones', () => {
    const [current, previous] = [newKey(), newKey()];
    const box = secretBoxFromEnv(loadEnv(schema, { HOOKBUS_SECRET_KEY: current, HOOKBUS_SECRET_KEY_PREVIOUS: previous }));
    expect(box.keyId).toBe(SecretBox.fromEncodedKeys(current).keyId);
    expect(box.keyIds).toEqual([box.keyId, SecretBox.fromEncodedKeys(previous).keyId]);
  });

  it('refuses a previous key that repeats the current one', () => {
    const key = newKey();
    expect(() => secretBoxFromEnv(loadEnv(schema, { HOOKBUS_SECRET_KEY: key, HOOKBUS_SECRET_KEY_PREVIOUS: key }))).toThrow('must all differ');
  });

  it('uses the key generated into .data/ when HOOKBUS_SECRET_KEY is unset', () => {
    const cwd = process.cwd();
    process.chdir(mkdtempSync(path.join(tmpdir(), 'hookbus-key-')));
    try {
      const box = secretBoxFromEnv(loadEnv(schema, {}));
      expect(box.keyId).toBe(SecretBox.fromEncodedKeys(readFileSync(LOCAL_SECRET_KEY_FILE, 'utf8')).keyId);
      expect(statSync(LOCAL_SECRET_KEY_FILE).mode & 0o777).toBe(0o600);
    } finally {
      process.chdir(cwd);
    }
  });
});

import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { envOrLocalSecret } from './local-secret';

describe('envOrLocalSecret', () => {
  const dir = () => mkdtempSync(path.join(tmpdir(), 'hookbus-secret-'));

  it('prefers the environment variable', () => {
    expect(envOrLocalSecret({ KEY: ' from-env ' }, 'KEY', path.join(dir(), 'k'))).toBe('from-env');
  });

  it('generates a secret once, owner-readable only, and reads it back afterwards', () => {
    const file = path.join(dir(), 'nested', 'k');
    const first = envOrLocalSecret({}, 'KEY', file);
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(envOrLocalSecret({}, 'KEY', file)).toBe(first);
  });

  it('keeps a secret another process wrote first', () => {
    const file = path.join(dir(), 'k');
    writeFileSync(file, 'written-by-another-service\n');
    expect(envOrLocalSecret({}, 'KEY', file)).toBe('written-by-another-service');
    expect(readFileSync(file, 'utf8')).toBe('written-by-another-service\n');
  });
});

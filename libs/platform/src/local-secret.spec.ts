import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { transformFileSync } from '@swc/core';
import { localSecret } from './local-secret';

const mode = (file: string) => statSync(file).mode & 0o777;

describe('localSecret', () => {
  const dir = () => mkdtempSync(path.join(tmpdir(), 'hookbus-secret-'));

  it('generates a secret once, owner-only in an owner-only directory, and reads it back afterwards', () => {
    const parent = path.join(dir(), 'nested');
    const file = path.join(parent, 'k');
    const first = localSecret(file);
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(mode(file)).toBe(0o600);
    expect(mode(parent)).toBe(0o700);
    expect(localSecret(file)).toBe(first);
    expect(readdirSync(parent)).toEqual(['k']);
  });

  it('keeps a secret another process wrote first', () => {
    const file = path.join(dir(), 'k');
    writeFileSync(file, 'written-by-another-service\n');
    expect(localSecret(file)).toBe('written-by-another-service');
    expect(readFileSync(file, 'utf8')).toBe('written-by-another-service\n');
  });

  it('refuses an empty secret file instead of running with an empty secret', () => {
    const file = path.join(dir(), 'k');
    writeFileSync(file, '');
    expect(() => localSecret(file)).toThrow(`${file} is empty`);
  });

  it('gives every one of several processes starting at once the same secret, and leaves no draft behind', async () => {
    const parent = dir();
    const file = path.join(parent, 'data', 'k');
    // The module as plain CommonJS, so each child needs nothing but Node.
    const module = path.join(parent, 'local-secret.js');
    writeFileSync(module, transformFileSync(path.join(__dirname, 'local-secret.ts'), { module: { type: 'commonjs' }, jsc: { parser: { syntax: 'typescript' } } }).code);
    // Each child loads the module, then waits on stdin: one write releases them all together.
    const script = `const { localSecret } = require(${JSON.stringify(module)}); process.stdout.write('ready\\n'); process.stdin.once('data', () => { process.stdout.write(localSecret(${JSON.stringify(file)})); process.exit(0); });`;
    const children = Array.from({ length: 6 }, () => spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] }));
    const output = (child: ChildProcess) => {
      let text = '';
      child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
      return {
        ready: new Promise<void>((resolve) => child.stdout?.on('data', () => text.startsWith('ready\n') && resolve())),
        secret: new Promise<string>((resolve) => child.on('exit', () => resolve(text.slice('ready\n'.length)))),
      };
    };
    const outputs = children.map(output);
    await Promise.all(outputs.map(({ ready }) => ready));
    for (const child of children) child.stdin?.write('go\n');
    const secrets = await Promise.all(outputs.map(({ secret }) => secret));

    const written = readFileSync(file, 'utf8').trim();
    expect(written).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(secrets).toEqual(secrets.map(() => written));
    expect(readdirSync(path.dirname(file))).toEqual(['k']);
  });
});

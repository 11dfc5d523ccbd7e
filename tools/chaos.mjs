#!/usr/bin/env node
// `npm run chaos [-- --quick]`: builds, then runs the chaos harness (tools/chaos/run.ts, TypeScript
// through @swc-node/register, so it shares the tests' support code). See docs/reliability.md.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeMachine } from './bench/machine.mjs';
import { ensureDependencies } from './ensure-deps.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (args, env = process.env) =>
  new Promise((resolve) => spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env }).on('exit', (code) => resolve(code ?? 1)));

ensureDependencies();
if ((await run([path.join(root, 'tools', 'build.mjs')])) !== 0) process.exit(1);
process.exitCode = await run(
  ['-r', '@swc-node/register', path.join(root, 'tools', 'chaos', 'run.ts'), ...process.argv.slice(2)],
  { ...process.env, CHAOS_MACHINE: JSON.stringify(describeMachine()) },
);

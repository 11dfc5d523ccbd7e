#!/usr/bin/env node
// `npm test`: installs what is missing, starts Apache Kafka (unless KAFKA_BROKERS is given), builds
// the apps (the process-level tests run them as real processes), runs every Jest project, stops the
// broker it started, and ends with one line `N passed, N failed`. Extra arguments go to Jest.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './ensure-deps.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
ensureDependencies();
const { ensureKafka, stopKafka } = await import('./kafka/local-kafka.mjs');

const run = (command, args, env = process.env) =>
  new Promise((resolve) => spawn(command, args, { cwd: root, stdio: 'inherit', env }).on('exit', (code) => resolve(code ?? 1)));

const resultsFile = path.join(root, '.data', 'jest-results.json');
mkdirSync(path.dirname(resultsFile), { recursive: true, mode: 0o700 });
rmSync(resultsFile, { force: true });

const kafka = await ensureKafka();
let exitCode = 1;
try {
  const built = await run(process.execPath, [path.join(root, 'tools', 'build.mjs')]);
  if (built !== 0) throw new Error('build failed');
  exitCode = await run(
    process.execPath,
    [path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '--json', `--outputFile=${resultsFile}`, ...process.argv.slice(2)],
    { ...process.env, KAFKA_BROKERS: kafka.brokers },
  );
} finally {
  if (kafka.started) await stopKafka();
}

let summary = { numPassedTests: 0, numFailedTests: 0 };
try {
  summary = JSON.parse(readFileSync(resultsFile, 'utf8'));
} catch {
  exitCode ||= 1;
}
console.log(`${summary.numPassedTests} passed, ${summary.numFailedTests} failed`);
process.exit(exitCode);

#!/usr/bin/env node
// `npm start`: installs what is missing, starts (or reuses) the local Apache Kafka, builds, and runs
// the five services on their embedded defaults. Ctrl-C (or SIGTERM) stops them all gracefully,
// then the broker if this command started it.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './ensure-deps.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SERVICES = [
  { name: 'config-service', port: 3001 },
  { name: 'ingest-service', port: 3002 },
  { name: 'delivery-service', port: 3003 },
  { name: 'retry-scheduler', port: 3004 },
  { name: 'notifier-service', port: 3005 },
];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

ensureDependencies();
const { ensureKafka, stopKafka } = await import('./kafka/local-kafka.mjs');
const began = Date.now();
const kafka = await ensureKafka();
await new Promise((resolve, reject) =>
  spawn(process.execPath, [path.join(root, 'tools', 'build.mjs')], { cwd: root, stdio: 'inherit' })
    .on('exit', (code) => (code === 0 ? resolve() : reject(new Error('build failed')))),
);

let stopping = false;
const children = SERVICES.map(({ name, port }) => {
  const child = spawn(process.execPath, ['--enable-source-maps', path.join(root, 'dist', 'apps', name, 'src', 'main.js')], {
    cwd: root,
    env: { ...process.env, KAFKA_BROKERS: kafka.brokers, PORT: String(process.env[`${name.toUpperCase().replace(/-/g, '_')}_PORT`] ?? port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => console.log(`${name.padEnd(16)} | ${line}`));
  }
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} exited unexpectedly (code ${code}, signal ${signal}); stopping the platform`);
      void shutdown(1);
    }
  });
  return { name, port, child };
});

async function shutdown(exitCode) {
  if (stopping) return;
  stopping = true;
  await Promise.all(children.map(({ child }) =>
    child.exitCode !== null ? undefined : new Promise((resolve) => { child.on('exit', resolve); child.kill('SIGTERM'); })));
  if (kafka.started) await stopKafka();
  process.exit(exitCode);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

async function ready({ port }) {
  while (!stopping) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
}
await Promise.all(children.map(ready));
if (!stopping) {
  console.log(`\nhookbus is up in ${((Date.now() - began) / 1000).toFixed(1)} s (Kafka at ${kafka.brokers}):`);
  for (const { name, port } of children) console.log(`  ${name.padEnd(17)} http://127.0.0.1:${port}  (/health/ready, /metrics)`);
  const configPort = children.find(({ name }) => name === 'config-service')?.port;
  console.log(`Console: http://127.0.0.1:${configPort}/console/ (sign in with an API key or the operator token)`);
  console.log('Operator token (creates tenants): .data/admin-token unless HOOKBUS_ADMIN_TOKEN is set.');
  console.log('Press Ctrl-C to stop.\n');
}

#!/usr/bin/env node
// `POST /v1/events` alone, one CloudEvent per request, as producers post an order's event when it
// happens: a lone ingest-service on a topic prefix of its own, a closed loop of N workers (each one
// request at a time over a keep-alive pool) for a fixed time after a warm-up, at each level of
// IN_FLIGHT. Reports events/s accepted (each 202 means the event is on all in-sync replicas),
// p50/p99 request latency, ingest-service's CPU per event and its peak RSS.
// Alone: `node tools/bench/scale/single-events.mjs [--quick] [--profile]` (--profile writes a
// .cpuprofile of ingest-service under the run's data dir; SINGLE_EVENTS_IN_FLIGHT=32,256 picks the
// levels, and INGEST_* variables of the shell reach ingest-service).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'undici';
import { benchEvent, ENDPOINTS } from '../plan.mjs';
import { producerKey } from '../producer-key.mjs';
import { startService } from '../services.mjs';
import { latencySummary, round } from '../stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const IN_FLIGHT = (process.env.SINGLE_EVENTS_IN_FLIGHT ?? '32,256').split(',').map(Number);
/** Events round-robin over this many subjects, so they spread over the partitions as orders do. */
const SUBJECTS = 1_000;
const TENANT = 'tnt_bench_single';
const EVENTS_TOPIC = 'hookbus.events.v1';

/**
 * Measures `POST /v1/events` at each level of IN_FLIGHT against a fresh ingest-service (from dist/,
 * built by the caller). `kafka`: `{ brokers }`; `secrets`: the services' secret key and admin token;
 * `nodeArgs`, `env`: extra node arguments (e.g. `--cpu-prof`) and variables for ingest-service.
 */
export async function measureSingleEvents({ kafka, secrets, dataDir, quick = false, log = () => undefined, nodeArgs = [], env = {} }) {
  const settings = quick ? { warmupMs: 1_000, measureMs: 4_000 } : { warmupMs: 2_000, measureMs: 10_000 };
  const brokers = Array.isArray(kafka.brokers) ? kafka.brokers.join(',') : kafka.brokers;
  const topicPrefix = `bench-single-${Date.now().toString(36)}.`;
  const ingest = await startService('ingest-service', await freePort(), {
    KAFKA_BROKERS: brokers,
    KAFKA_TOPIC_PREFIX: topicPrefix,
    DATABASE_URL: `sqlite:${path.join(dataDir, 'ingest-single.sqlite')}`,
    ...secrets,
    ...env,
  }, nodeArgs);
  const client = new Kafka({ clientId: 'hookbus-bench-single', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const producer = client.producer({ allowAutoTopicCreation: false });
  const admin = client.admin();
  try {
    await Promise.all([producer.connect(), admin.connect()]);
    const authorization = `Bearer ${await producerKey(producer, ingest.url, topicPrefix, TENANT)}`;
    const rows = [];
    let accepted = 0;
    for (const inFlight of IN_FLIGHT) {
      const row = await measureAt(ingest, authorization, inFlight, settings);
      accepted += row.accepted;
      rows.push(row);
      log(`single events, ${inFlight} in flight: ${round(row.perSecond)} events/s, p50 ${round(row.p50, 1)} ms, p99 ${round(row.p99, 1)} ms, ${round(row.cpuMicrosPerEvent)} µs of ingest-service CPU per event`);
    }
    // Every 202 must be on the topic: the broker holds at least as many events as were accepted.
    const stored = (await admin.fetchTopicOffsets(`${topicPrefix}${EVENTS_TOPIC}`)).reduce((sum, { high }) => sum + Number(high), 0);
    if (stored < accepted) throw new Error(`ingest-service accepted ${accepted} events but the topic holds ${stored}`);
    const peakRssMb = ingest.peakRssMb();
    log(`single events: ${accepted} accepted, ${stored} on the topic; ingest-service peak RSS ${round(peakRssMb)} MB`);
    return { rows, accepted, stored, peakRssMb, settings };
  } finally {
    await ingest.stop();
    const topics = (await admin.listTopics().catch(() => [])).filter((topic) => topic.startsWith(topicPrefix));
    if (topics.length > 0) await admin.deleteTopics({ topics }).catch(() => undefined);
    await Promise.allSettled([producer.disconnect(), admin.disconnect()]);
  }
}

/**
 * `inFlight` workers post one event each at a time for warmupMs + measureMs. Counted: requests
 * started and answered within the measured window; CPU per event: ingest-service's CPU time over
 * the window divided by the answers meanwhile.
 */
async function measureAt(ingest, authorization, inFlight, { warmupMs, measureMs }) {
  const { origin } = new URL(ingest.url);
  const pool = new Pool(origin, { connections: inFlight });
  const headers = { 'content-type': 'application/cloudevents+json', authorization };
  const began = performance.now();
  const [from, to] = [began + warmupMs, began + warmupMs + measureMs];
  const latencies = [];
  const refusals = [];
  let answered = 0;
  let sequence = 0;
  const cpu = [];
  const sampleCpu = () => {
    const { user, system } = ingest.cpuSeconds();
    cpu.push({ seconds: user + system, answered });
  };
  const timers = [setTimeout(sampleCpu, warmupMs), setTimeout(sampleCpu, warmupMs + measureMs)];
  const worker = async () => {
    while (performance.now() < to && refusals.length === 0) {
      const n = sequence++;
      const body = JSON.stringify(benchEvent(ENDPOINTS[0], TENANT, n, `order-${n % SUBJECTS}`));
      const sent = performance.now();
      const response = await pool.request({ method: 'POST', path: '/v1/events', headers, body });
      const text = await response.body.text();
      const done = performance.now();
      answered += 1;
      if (response.statusCode !== 202) refusals.push(`${response.statusCode}: ${text}`);
      else if (sent >= from && done <= to) latencies.push(done - sent);
    }
  };
  try {
    await Promise.all(Array.from({ length: inFlight }, worker));
  } finally {
    timers.forEach(clearTimeout);
    await pool.close();
  }
  if (refusals.length > 0) throw new Error(`ingest-service answered ${refusals[0]}`);
  const [start, end] = cpu;
  const summary = latencySummary(latencies);
  return {
    inFlight,
    accepted: answered,
    perSecond: latencies.length / (measureMs / 1000),
    p50: summary.p50,
    p99: summary.p99,
    max: summary.max,
    cpuMicrosPerEvent: ((end.seconds - start.seconds) / (end.answered - start.answered)) * 1e6,
  };
}

/** A small markdown table of `measureSingleEvents`'s result. */
export function singleEventsMarkdown({ rows, peakRssMb }) {
  return [
    '| in flight | events/s | p50 | p99 | ingest CPU per event |',
    '|---:|---:|---:|---:|---:|',
    ...rows.map(({ inFlight, perSecond, p50, p99, cpuMicrosPerEvent }) =>
      `| ${inFlight} | ${round(perSecond).toLocaleString('en')} | ${round(p50, 1)} ms | ${round(p99, 1)} ms | ${round(cpuMicrosPerEvent)} µs |`),
    '',
    `ingest-service peak RSS: ${round(peakRssMb)} MB`,
  ].join('\n');
}

function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function run(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited ${code}`))));
  });
}

async function main() {
  const log = (message) => console.log(`[single-events] ${message}`);
  const { ensureKafka, stopKafka } = await import('../../kafka/local-kafka.mjs');
  const kafka = await ensureKafka();
  try {
    await run(process.execPath, [path.join(root, 'tools', 'build.mjs')]);
    const dataDir = path.join(root, '.data', 'bench', `single-${Date.now().toString(36)}`);
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const secrets = { HOOKBUS_SECRET_KEY: randomBytes(32).toString('base64url'), HOOKBUS_ADMIN_TOKEN: randomBytes(16).toString('hex') };
    const nodeArgs = process.argv.includes('--profile') ? ['--cpu-prof', `--cpu-prof-dir=${path.join(dataDir, 'profiles')}`] : [];
    // INGEST_* variables of this shell reach ingest-service, to compare its settings.
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('INGEST_')));
    const result = await measureSingleEvents({ kafka, secrets, dataDir, quick: process.argv.includes('--quick'), log, nodeArgs, env });
    console.log(singleEventsMarkdown(result));
    if (nodeArgs.length > 0) log(`ingest-service CPU profile in ${path.join(dataDir, 'profiles')}`);
  } finally {
    if (kafka.started) await stopKafka();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

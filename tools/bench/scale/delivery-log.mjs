#!/usr/bin/env node
// The delivery log at scale (issue 24, axis 3): config-service's log grown in steps by plain SQL
// (not through Kafka) on SQLite and on PostgreSQL, and at each size every filter of
// `GET /v1/deliveries` and the detail timed through HTTP, the database's bytes per delivery, then
// the plans of the service's SQL at the largest size and the log writer's CPU per record on the
// empty and on the loaded database. `node tools/bench/scale/delivery-log.mjs [--quick] [--write-docs]`
// runs it alone (and puts its subsection in docs/benchmarks.md).
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startService } from '../services.mjs';
import { postgresDatabase, sqliteDatabase } from './delivery-log-databases.mjs';
import { explainQueries } from './delivery-log-plans.mjs';
import { timeQueries } from './delivery-log-queries.mjs';
import { SPAN_MS } from './delivery-log-shape.mjs';
import { deleteTopics, measureWriterCpu } from './delivery-log-writer-cpu.mjs';

export { deliveryLogMarkdown } from './delivery-log-report.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Sizes (deliveries) the log grows through. Loading a million takes about 70 s on each database on
 * two cores, so ten million (~12 min each, ~26 GB each) does not fit the bench's four minutes;
 * `DELIVERY_LOG_SIZES=100000,1000000,10000000` runs it.
 */
const SIZES = { quick: [50_000, 200_000], full: [100_000, 1_000_000] };
/** Requests of each query at each size, more at the largest; deliveries written for the writer's CPU. */
const SETTINGS = {
  quick: { requests: 50, requestsAtLargest: 100, writerDeliveries: 2_000 },
  full: { requests: 100, requestsAtLargest: 200, writerDeliveries: 5_000 },
};

/** Both databases, one after the other, each with a config-service of its own. */
export async function measureDeliveryLog({ kafka, secrets, dataDir, quick, log = () => undefined }) {
  const sizes = process.env.DELIVERY_LOG_SIZES ? process.env.DELIVERY_LOG_SIZES.split(',').map(Number) : SIZES[quick ? 'quick' : 'full'];
  const settings = SETTINGS[quick ? 'quick' : 'full'];
  const runId = randomBytes(4).toString('hex');
  const databases = [];
  for (const database of [sqliteDatabase(dataDir), postgresDatabase(`hookbus_dlog_${runId}`)]) {
    const began = performance.now();
    databases.push({ ...(await measureOn(database, { kafka, secrets, dataDir, sizes, settings, runId, log })), seconds: (performance.now() - began) / 1000 });
  }
  return { sizes, ...settings, databases };
}

async function measureOn(database, { kafka, secrets, dataDir, sizes, settings, runId, log }) {
  const label = database.label;
  await database.create();
  const topicPrefix = `dlog-${runId}-${label}.`;
  // Niceness 0, not config-service's default 10: nothing else of hookbus runs here, and the figure
  // is the API's own latency, not how it yields to deliveries on shared cores.
  const env = { KAFKA_BROKERS: kafka.brokers, KAFKA_TOPIC_PREFIX: topicPrefix, HOOKBUS_EGRESS_ALLOW: '127.0.0.1', DATABASE_URL: database.url, MAIL_OUTBOX_DIR: path.join(dataDir, 'outbox'), CPU_NICE: '0', ...secrets };
  let service;
  try {
    // Its first start creates the schema (every migration), as on a real install.
    service = await startService('config-service', await freePort(), env);
    const { tenantId, key } = await tenantWithKey(service.url, secrets.HOOKBUS_ADMIN_TOKEN);
    const largest = sizes[sizes.length - 1];
    const shape = { startMs: Date.now() - SPAN_MS, stepMs: Math.max(1, Math.floor(SPAN_MS / largest)), measuredTenant: tenantId };
    const writer = { kafka, topicPrefix, service, database, tenantId, shape, deliveries: settings.writerDeliveries };
    const writerEmpty = await measureWriterCpu({ ...writer, phase: 'empty' });
    log(`delivery log, ${label}: writer on the empty log ${round(writerEmpty.microsPerRecord)} µs of CPU per record`);
    const steps = [];
    let loaded = 0;
    for (const size of sizes) {
      const began = performance.now();
      await database.load(loaded + 1, size, shape);
      const loadSeconds = (performance.now() - began) / 1000;
      loaded = size;
      const bytes = await database.bytes();
      const deliveries = await database.count('select count(*) from deliveries', []);
      const requests = size === largest ? settings.requestsAtLargest : settings.requests;
      const queries = await timeQueries({ service, serverPids: database.serverPids, key, size, shape, requests });
      const worst = Object.entries(queries).reduce((a, b) => (b[1].p99 > a[1].p99 ? b : a));
      steps.push({ size, deliveries, loadSeconds, bytes, bytesPerDelivery: bytes / deliveries, requests, queries });
      log(`delivery log, ${label}: ${size} deliveries loaded in ${round(loadSeconds, 1)} s, ${round(bytes / deliveries)} bytes each; worst p99 ${round(worst[1].p99, 1)} ms (${worst[0]})`);
    }
    const plans = await explainQueries({ root, database, tenantId, size: largest, shape });
    // A writer that did not keep up is a finding, not a reason to lose the figures above.
    const writerLoaded = await measureWriterCpu({ ...writer, phase: 'loaded' }).catch((error) => ({ error: error.message, microsPerRecord: NaN }));
    log(`delivery log, ${label}: writer on ${largest} deliveries ${writerLoaded.error ?? `${round(writerLoaded.microsPerRecord)} µs of CPU per record (${round(writerLoaded.microsPerRecord / writerEmpty.microsPerRecord, 2)} × empty)`}`);
    return { label, steps, plans, writer: { empty: writerEmpty, loaded: writerLoaded } };
  } finally {
    await service?.stop();
    await database.drop();
    await deleteTopics(kafka, topicPrefix).catch((error) => log(`could not delete the topics of ${topicPrefix}: ${error}`));
  }
}

/** A tenant of the run and an admin key of it (what `GET /v1/deliveries` takes). */
async function tenantWithKey(url, adminToken) {
  const call = async (pathname, body) => {
    const response = await fetch(`${url}${pathname}`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (response.status !== 201) throw new Error(`POST ${pathname} answered ${response.status}: ${await response.text()}`);
    return response.json();
  };
  const tenant = await call('/v1/tenants', { name: 'delivery-log-bench' });
  const { key } = await call(`/v1/tenants/${tenant.id}/api-keys`, { roles: ['admin'] });
  return { tenantId: tenant.id, key };
}

const round = (value, digits = 0) => Number(value.toFixed(digits));

function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** `--write-docs`: puts this run's subsection in place of docs/benchmarks.md's, saying where it came from. */
function writeDocs(markdown) {
  const file = path.join(root, 'docs', 'benchmarks.md');
  const document = readFileSync(file, 'utf8');
  const start = document.indexOf('### Delivery log at scale\n');
  const end = document.indexOf('\nWhere the cores went', start);
  if (start < 0 || end < 0) throw new Error('docs/benchmarks.md has no delivery log subsection to replace');
  const sizes = process.env.DELIVERY_LOG_SIZES ? `DELIVERY_LOG_SIZES=${process.env.DELIVERY_LOG_SIZES} ` : '';
  const origin = `_This subsection: \`${sizes}node tools/bench/scale/delivery-log.mjs --write-docs\`, ${new Date().toISOString()}; the rest of the page comes from the run named at its top._`;
  writeFileSync(file, `${document.slice(0, start)}${markdown}\n\n${origin}\n${document.slice(end)}`);
  console.log('[bench] delivery log subsection written to docs/benchmarks.md');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { spawnSync } = await import('node:child_process');
  const { ensureKafka, stopKafka } = await import('../../kafka/local-kafka.mjs');
  const { deliveryLogMarkdown } = await import('./delivery-log-report.mjs');
  const kafka = await ensureKafka();
  const dataDir = path.join(root, '.data', 'bench', `delivery-log-${Date.now().toString(36)}`);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    if (spawnSync(process.execPath, [path.join(root, 'tools', 'build.mjs')], { cwd: root, stdio: 'inherit' }).status !== 0) throw new Error('the build failed');
    const secrets = { HOOKBUS_SECRET_KEY: randomBytes(32).toString('base64url'), HOOKBUS_ADMIN_TOKEN: randomBytes(16).toString('hex') };
    const result = await measureDeliveryLog({ kafka, secrets, dataDir, quick: process.argv.includes('--quick'), log: (message) => console.log(`[bench] ${message}`) });
    console.log(`\n${deliveryLogMarkdown(result)}`);
    if (process.argv.includes('--write-docs')) writeDocs(deliveryLogMarkdown(result));
  } finally {
    if (kafka.started) await stopKafka();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

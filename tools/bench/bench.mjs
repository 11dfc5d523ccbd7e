#!/usr/bin/env node
// `npm run bench [-- --quick]`: starts the local broker (unless KAFKA_BROKERS is given), builds, runs
// the five services and a loopback receiver, then measures in one run, so machine noise hits every
// figure alike: the ceiling (bare undici POSTs), a minimal kafkajs→undici baseline, hookbus's
// delivery throughput over the same events, event-to-delivery latency at a fixed offered load, the
// same with one endpoint hanging, one endpoint taking a whole backlog, a fixed load, and a 429
// phase, batch ingest, and each service's peak RSS. Prints one table, writes docs/benchmarks.md,
// and leaves nothing running.
import { fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import { ensureDependencies } from '../ensure-deps.mjs';
import { quantileBetween, scrapeCounter, scrapeHistogram } from './histogram.mjs';
import { describeMachine } from './machine.mjs';
import { benchEvent, endpointFor, ENDPOINTS, FAN_OUT, SOLO, subscriptionBody } from './plan.mjs';
import { producerKey } from './producer-key.mjs';
import { Receiver } from './receiver-client.mjs';
import { everyScaleAxis, measureScale } from './scale/scale.mjs';
import { scaleMarkdown } from './scale/scale-report.mjs';
import { cpuSecondsOf, machineBusySeconds, mainThreadSecondsOf, LOG_DIR, startService } from './services.mjs';
import { latencySummary, median, outOfOrderSubjects, round, sustainedWindow, valueAt } from './stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const quick = process.argv.includes('--quick');
// `--scale` measures the small shape's reference figures and the scale part only; a full run does both parts.
const scaleOnly = process.argv.includes('--scale');
const withScale = scaleOnly || !quick;
// A full run measures each fixed load over one whole period of the SecuTix schedule (see plan.mjs),
// so both windows carry one paced batch run, which is real load that slows every delivery meanwhile.
const SECUTIX_PERIOD_SECONDS = 60;
// The one-endpoint rows give up waiting (soloDrainMs for the backlog, soloWaitMs after the load or
// the 429 phase) and count what had not arrived, so a hookbus that leaves deliveries behind cannot hang the run.
const SETTINGS = quick
  ? { ceilingMs: 4_000, ingestMs: 4_000, backlog: 8_000, warmupSeconds: 3, loadSeconds: 8, drainTimeoutMs: 60_000, soloBacklog: 4_000, soloDrainMs: 20_000, soloLoadSeconds: 8, throttleSeconds: 5, soloWaitMs: 10_000 }
  : { ceilingMs: 10_000, ingestMs: 10_000, backlog: 30_000, warmupSeconds: 5, loadSeconds: SECUTIX_PERIOD_SECONDS, drainTimeoutMs: 300_000, soloBacklog: 20_000, soloDrainMs: 60_000, soloLoadSeconds: 30, throttleSeconds: 10, soloWaitMs: 20_000 };
/** The scale part's fixed loads (measured seconds) and the bytes of each large-payload backlog. */
Object.assign(SETTINGS, { scaleLoadSeconds: 10, payloadBacklogBytes: 64 * 1024 * 1024 });
/** Baseline-then-hookbus drains; the table reports the median pair. */
const PAIRS = scaleOnly ? 1 : 3;
const OFFERED_PER_SECOND = 1_000;
/** Subjects of the one-endpoint fixed load: each gets an event every 100 ms, whose order is checked. */
const SUBJECTS = 100;
/** Events/s offered to the endpoint answering 429, and the `Retry-After` it answers with (seconds). */
const THROTTLED_PER_SECOND = 100;
const RETRY_AFTER_SECONDS = 1;
/** delivery-service's histogram of the time from an event's record timestamp to taking it up. */
const DISPATCH_LAG = 'hookbus_event_dispatch_lag_seconds';
const GROUP_JOINS = 'hookbus_consumer_group_joins_total';
const VIEW_SIZE = 'hookbus_subscription_view_subscriptions';
const IN_FLIGHT = 64;
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (message) => console.log(`[bench] ${message}`);

ensureDependencies();
const { ensureKafka, stopKafka, kafkaVersion, runningPid } = await import('../kafka/local-kafka.mjs');
const kafka = await ensureKafka();
await run(process.execPath, [path.join(root, 'tools', 'build.mjs')]);
const { Topics } = createRequire(import.meta.url)(path.join(root, 'dist', 'libs', 'contracts', 'src', 'index.js'));

const runId = `${Date.now().toString(36)}`;
const prefix = `bench-${runId}.`;
const dataDir = path.join(root, '.data', 'bench', runId);
mkdirSync(dataDir, { recursive: true, mode: 0o700 });
const secrets = { HOOKBUS_SECRET_KEY: randomBytes(32).toString('base64url'), HOOKBUS_ADMIN_TOKEN: randomBytes(16).toString('hex') };
const serviceEnv = (name, topicPrefix = prefix) => ({
  KAFKA_BROKERS: kafka.brokers,
  KAFKA_TOPIC_PREFIX: topicPrefix,
  HOOKBUS_EGRESS_ALLOW: '127.0.0.1',
  DATABASE_URL: `sqlite:${path.join(dataDir, `${name}.sqlite`)}`,
  MAIL_OUTBOX_DIR: path.join(dataDir, 'outbox'),
  ...secrets,
  // Traces as the caller asks for them (off unless OTEL_* names an exporter): docs/benchmarks.md#tracing.
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('OTEL_'))),
});
const client = new Kafka({ clientId: 'hookbus-bench', brokers: kafka.brokers.split(','), logLevel: logLevel.NOTHING });
const producer = client.producer({ allowAutoTopicCreation: false });
const eventsTopic = `${prefix}${Topics.events.name}`;
const running = new Set();
/** Every bench event gets the next number; the receiver reads it back to time the delivery. */
let sequence = 0;

const METHOD = `## How each figure is measured

- **ceiling**: one process, ${IN_FLIGHT} undici POSTs in flight to the loopback receiver for a fixed time.
- **baseline**: one kafkajs consumer (partitions consumed concurrently) POSTs each event's data with undici
  and lets kafkajs commit; no rendering, signing, classification, delivery log or retry path.
- **hookbus**: the same backlog (komet, komerce and postback events, one subscription per tenant, so
  one event = one delivery) drained by one delivery-service instance: render, sign, send, classify,
  log each attempt (acks=all) and commit. Both rates are taken between the 10th and 90th percentile
  of arrivals, so start-up and tail do not count; so are the CPU time per delivery of the consuming
  process (baseline.mjs or delivery-service alone) and of the whole machine (\`/proc/stat\`: the
  broker, the receiver and, for hookbus, config-service writing the delivery log), and the share
  of the window the process's main thread spent on a CPU and waiting for one (\`schedstat\`): a
  wait means the cores were busy with others, so the rate follows the whole machine's CPU. Hence
  the budget beside it: at 0.6 × the baseline's rate, every process of the run together may spend
  at most the cores' time divided by that rate on a delivery.
  A fresh backlog is drained by the baseline, then by hookbus, ${PAIRS} times in a row, each pair
  once every consumer has caught up (the delivery log trails a drain); each pair gives a ratio, and
  the table shows the medians with the range of the ratios, because this machine's speed drifts
  within minutes.
- **latency**: ${OFFERED_PER_SECOND} events/s produced straight to \`hookbus.events.v1\` (acks=all), round-robin over
  the 50 subscriptions, once every consumer has caught up and after a warm-up at the same load; from
  just before the produce call to the receiver reading the request. SecuTix orders wait for their
  subscription's scheduled run by design and are left out, as is the hanging endpoint in the
  isolation run (it holds requests until the plugin's 15 s timeout). A full run measures each
  fixed load for one whole period of the SecuTix schedule (1 min), so both windows carry one paced
  batch run (up to 1,000 orders per subscription at once); the table says how many paced
  deliveries arrived within each window, and the p99 of the deliveries that arrived before the
  run's first or after its last paced order. The 8 s windows of \`--quick\` may or may not catch one.
  delivery-service's \`hookbus_event_dispatch_lag_seconds\` histogram, read at both ends of the measured
  part, splits the latency: the bucket holding the 99th percentile bounds the time events spent
  before delivery-service took them up (broker, fetch, waiting for a free slot); the rest went to
  rendering, signing and sending.
- **one endpoint** (three rows): each on an endpoint (origin) of the same receiver, answering 200 at
  once, and a Komerce subscription of a tenant of its own, as one ERP receiving every order of a
  batch import. They run after the rows above, so what they leave behind cannot slow those, each
  once every consumer has caught up; the backlog's and the fixed load's subscriptions are deleted
  once measured, so the retries they left behind are cancelled instead of sent during the next row.
  None waits forever: what has not arrived when a row gives up is counted.
  - **backlog**: ${SETTINGS.soloBacklog} events (each its own subject) produced while delivery-service is stopped, then
    drained by a fresh instance, as the hookbus drain above, and compared to that drain's median rate;
    the rate is taken over the same 10th–90th percentile window. Given up after ${SETTINGS.soloDrainMs / 1000} s: a window whose
    90th percentile had not arrived ends there (and starts with the instance if its 10th had not either).
  - **fixed load**: as the latency above (${OFFERED_PER_SECOND} events/s, ${SETTINGS.warmupSeconds} s of warm-up, then ${SETTINGS.soloLoadSeconds} s measured), every event
    to the one endpoint, round-robin over ${SUBJECTS} subjects (each gets an event every ${(SUBJECTS * 1000) / OFFERED_PER_SECOND} ms; its events are
    numbered in the order they are produced). An event not arrived ${SETTINGS.soloWaitMs / 1000} s after the last was produced is
    missing, and counts as slower than every delivered one in the percentiles. A subject is out of
    order when, in the order the receiver read the requests, one of its events first arrived after
    a later one.
  - **429**: for ${SETTINGS.throttleSeconds} s the receiver answers every request to the endpoint 429 with \`Retry-After: ${RETRY_AFTER_SECONDS}\`,
    then 200, while ${THROTTLED_PER_SECOND} events/s are produced for it throughout those ${SETTINGS.throttleSeconds} s. Lost: not arrived ${SETTINGS.soloWaitMs / 1000} s
    after the 429 phase ended. Requests during the phase: every request answered 429 (a hookbus that
    pauses the endpoint for each \`Retry-After\` sends about one per pause). Sent more than once: events whose
    requests reached the receiver more than once (one event is one delivery, one \`webhook-id\`, here).
    Retry policies used up: the subscription's deliveries \`failed\` in the delivery log
    (\`GET /v1/deliveries?status=failed\`) once every consumer has caught up. Komerce retries after
    1, 5 and 15 min, or after the receiver's \`Retry-After\`, and deactivates a subscription after
    5 used-up deliveries in a row: the row says whether it is still active.
- **ingest**: \`POST /v1/events/batch\` with a producer key, 1,000 events per request, 4 requests in flight; each 202
  means the batch is on the topic (acks=all).
- **peak RSS**: VmHWM of each service process at the end of the run; for delivery-service, the larger of
  the instance that ran the fixed loads and the one that ran the one-endpoint rows.
- Every service runs with its defaults, as \`npm start\` runs it: config-service, retry-scheduler and
  notifier-service at niceness 10 (\`CPU_NICE\`), so on these shared cores live deliveries get the CPU first.`;

const results = {};
rmSync(LOG_DIR, { recursive: true, force: true });
const services = {};
/** How often each service was started, naming its CPU profiles (see profiling). */
const starts = {};

try {
  const receiver = await Receiver.start(ENDPOINTS.length + Object.keys(SOLO).length + FAN_OUT.length);
  running.add(receiver);
  for (const name of ['config-service', 'ingest-service', 'delivery-service', 'retry-scheduler', 'notifier-service']) await startNamed(name);
  await producer.connect();
  const configUrl = services['config-service'].url;
  const { tenants, admins } = await subscribeAll(configUrl, receiver, [...ENDPOINTS, ...Object.values(SOLO)]);
  await untilViewHolds(ENDPOINTS.length + Object.keys(SOLO).length);
  log(`50 subscriptions (${countBy(ENDPOINTS, 'plugin')}) and ${Object.keys(SOLO).length} one-endpoint komerce subscriptions live in delivery-service`);

  if (!scaleOnly) {
    results.ceiling = await measureCeiling(receiver);
    results.ingest = await measureIngest();
  }
  const immediate = ENDPOINTS.filter((endpoint) => endpoint.immediate);

  // Throughput: the same backlog drained by the baseline, then by delivery-service, in PAIRS pairs.
  // This machine's speed drifts by half within minutes, so each pair is compared on its own.
  const pairs = [];
  for (let pair = 1; pair <= PAIRS; pair += 1) {
    // The delivery log of the previous drain trails it; written during the next baseline, it
    // would take that baseline's CPU and flatter the ratio.
    await untilConsumersCaughtUp();
    await stopDelivery();
    const backlog = await produceBacklog(immediate, tenants);
    const baseline = await measureBaseline(receiver, tenants, backlog);
    const hookbus = await withCpuShares('hookbus throughput', () =>
      drainRate(receiver, backlog, 'hookbus', () => startDelivery()),
    );
    pairs.push({ baseline, hookbus });
    log(`pair ${pair}/${PAIRS}: hookbus ${round(hookbus.perSecond / baseline.perSecond, 2)} × baseline, CPU per delivery ${round(hookbus.cpuMicrosPerDelivery / baseline.cpuMicrosPerDelivery, 2)} × baseline`);
  }
  results.throughput = throughputOf(pairs);

  if (!scaleOnly) await measureSmallShape(receiver, tenants, admins, immediate);
  if (withScale) {
    await untilConsumersCaughtUp();
    results.scale = await measureScale(scaleBench(receiver, tenants, immediate));
  }
  if (withScale && !everyScaleAxis) console.log(JSON.stringify(results, null, 2));
  else if (scaleOnly) reportScaleOnly();
  else report();
} finally {
  await producer.disconnect().catch(() => undefined);
  await Promise.all([...running].map((part) => part.stop().catch(() => undefined)));
  await deleteTopics().catch((error) => log(`could not delete the bench topics: ${error}`));
  if (kafka.started) await stopKafka();
  rmSync(dataDir, { recursive: true, force: true });
}

/** The rows after the throughput pairs: fixed loads, isolation, one endpoint, 429, RSS. */
async function measureSmallShape(receiver, tenants, admins, immediate) {
  const configUrl = services['config-service'].url;
  // Each fixed-load run starts once every service has caught up with what came before.
  await untilConsumersCaughtUp();
  // Joins while no instance comes or goes are false rebalances (a session that expired under load).
  const joinsBefore = await scrapeCounter(services['delivery-service'].url, GROUP_JOINS);
  results.latency = await withCpuShares('fixed load', () => measureLatency(receiver, tenants, services['delivery-service'], 'fixed load'));
  await untilConsumersCaughtUp();
  const hung = immediate[0];
  receiver.hang(hung.route);
  const isolated = `fixed load, ${hung.route} hanging`;
  results.isolation = await withCpuShares(isolated, () => measureLatency(receiver, tenants, services['delivery-service'], isolated, { hung }));
  results.falseRebalances = (await scrapeCounter(services['delivery-service'].url, GROUP_JOINS)) - joinsBefore;
  receiver.unhang(hung.route);

  // One endpoint taking everything, each row on an endpoint of its own: after the rows above, so
  // what these leave behind cannot slow those, and a row's subscription is deleted once measured,
  // so its leftover retries are cancelled instead of sent during the next row.
  await untilConsumersCaughtUp();
  // The backlog row replaces the delivery-service that ran the fixed loads.
  const fixedLoadDeliveryRssMb = services['delivery-service'].peakRssMb();
  results.soloBacklog = await withCpuShares('one endpoint, backlog', () => measureSoloBacklog(receiver, tenants));
  await deleteSubscription(configUrl, admins.get(SOLO.backlog.index));
  await untilConsumersCaughtUp();
  const soloLoad = `one endpoint, fixed load`;
  results.soloLatency = await withCpuShares(soloLoad, () =>
    measureLatency(receiver, tenants, services['delivery-service'], soloLoad, { endpoints: [SOLO.load], loadSeconds: SETTINGS.soloLoadSeconds, subjects: SUBJECTS, waitMs: SETTINGS.soloWaitMs }),
  );
  await deleteSubscription(configUrl, admins.get(SOLO.load.index));
  await untilConsumersCaughtUp();
  results.throttled = await withCpuShares('one endpoint answering 429', () => measureThrottled(receiver, tenants, configUrl, admins.get(SOLO.throttled.index)));

  results.rss = Object.fromEntries(Object.entries(services).map(([name, service]) => [name, service.peakRssMb()]));
  results.rss['ingest-service'] = Math.max(results.rss['ingest-service'], results.ingest.peakRssMb);
  results.rss['delivery-service'] = Math.max(results.rss['delivery-service'], fixedLoadDeliveryRssMb);
}

// --- phases -----------------------------------------------------------------------------------

async function measureCeiling(receiver) {
  await receiver.drain();
  const output = await run(process.execPath, [path.join(here, 'ceiling.mjs'), `${receiver.url}/ceiling`, String(SETTINGS.ceilingMs), String(IN_FLIGHT)], { capture: true });
  const { requests, seconds } = JSON.parse(output);
  await receiver.drain();
  log(`ceiling: ${round(requests / seconds)} requests/s`);
  return { perSecond: requests / seconds };
}

/** Batch ingest on a topic prefix of its own, so delivery-service does not see those events. */
async function measureIngest() {
  const ingest = await startService('ingest-service', await freePort(), serviceEnv('ingest-ingest', `${prefix}ingest.`));
  running.add(ingest);
  const tenant = 'tnt_bench_ingest';
  const authorization = `Bearer ${await producerKey(producer, ingest.url, `${prefix}ingest.`, tenant)}`;
  let accepted = 0;
  const began = performance.now();
  const deadline = began + SETTINGS.ingestMs;
  const worker = async () => {
    while (performance.now() < deadline) {
      const events = Array.from({ length: 1_000 }, (_, n) => benchEvent(ENDPOINTS[0], tenant, accepted + n));
      const response = await fetch(`${ingest.url}/v1/events/batch`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify(events) });
      if (response.status !== 202) throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
      accepted += (await response.json()).ids.length;
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  const perSecond = accepted / ((performance.now() - began) / 1000);
  const peakRssMb = ingest.peakRssMb();
  await ingest.stop();
  running.delete(ingest);
  log(`ingest: ${round(perSecond)} events/s accepted and produced (POST /v1/events/batch, 1,000 per request, 4 in flight)`);
  return { perSecond, peakRssMb };
}

async function produceBacklog(endpoints, tenants, count = SETTINGS.backlog) {
  const sequences = [];
  for (let offset = 0; offset < count; offset += 1_000) {
    const messages = [];
    for (let n = offset; n < Math.min(offset + 1_000, count); n += 1) {
      const seq = nextSequence();
      sequences.push(seq);
      messages.push(message(benchEvent(endpointFor(endpoints, n), tenants.get(endpointFor(endpoints, n).index), seq)));
    }
    await producer.send({ topic: eventsTopic, acks: -1, messages });
  }
  log(`backlog: ${sequences.length} events on ${eventsTopic}`);
  return sequences;
}

async function measureBaseline(receiver, tenants, backlog) {
  const endpoints = Object.fromEntries(ENDPOINTS.map((endpoint) => [tenants.get(endpoint.index), receiver.urlOf(endpoint)]));
  let baseline;
  try {
    return await drainRate(receiver, backlog, 'baseline', () => {
      baseline = fork(path.join(here, 'baseline.mjs'), [kafka.brokers, eventsTopic, `${prefix}bench-baseline`, JSON.stringify(endpoints)]);
      return baseline.pid;
    });
  } finally {
    baseline?.send({ type: 'stop' });
    await new Promise((resolve) => baseline?.on('exit', resolve));
  }
}

/**
 * Starts a consumer of the backlog (`startConsumer` resolves to its pid), waits until the receiver
 * got all of it, and returns the sustained rate and the consumer's CPU time per delivery meanwhile:
 * the CPU figure depends less than the rate on how much of the machine the other processes took.
 */
async function drainRate(receiver, backlog, label, startConsumer, { deliveries = backlog.length, keyOf } = {}) {
  await receiver.drain();
  const pid = await startConsumer();
  const [cpu, machine, running, waiting] = [[], [], [], []];
  const sample = () => {
    const at = now();
    const { user, system } = cpuSecondsOf(pid);
    const mainThread = mainThreadSecondsOf(pid);
    cpu.push([at, user + system]);
    machine.push([at, machineBusySeconds()]);
    running.push([at, mainThread.running]);
    waiting.push([at, mainThread.waiting]);
  };
  const sampler = setInterval(sample, 100);
  const arrivals = await receiver.collect(deliveries, SETTINGS.drainTimeoutMs, undefined, { keyOf }).finally(() => clearInterval(sampler));
  sample();
  const { from, to, count, perSecond } = sustainedWindow(arrivals.map(([, at]) => at));
  const during = (series) => valueAt(series, to) - valueAt(series, from);
  const cpuMicrosPerDelivery = (during(cpu) / count) * 1e6;
  const machineMicrosPerDelivery = (during(machine) / count) * 1e6;
  const seconds = (to - from) / 1000;
  const mainThread = { running: during(running) / seconds, waiting: during(waiting) / seconds };
  log(`${label}: ${round(perSecond)} deliveries/s over a backlog of ${deliveries}, ${round(cpuMicrosPerDelivery)} µs of CPU per delivery (machine ${round(machineMicrosPerDelivery)} µs); main thread on a CPU ${percent(mainThread.running)}, waiting for one ${percent(mainThread.waiting)}`);
  return { perSecond, cpuMicrosPerDelivery, machineMicrosPerDelivery, mainThread };
}

/**
 * Offers OFFERED_PER_SECOND events/s (straight to the events topic) for warmupSeconds, then for
 * `loadSeconds`, round-robin over `endpoints`, and measures event-to-delivery latency of the
 * immediate plugins over the second part (SecuTix waits for its scheduled run by design; a `hung`
 * endpoint never answers). The warm-up lets connections, JIT and the previous phase's after-effects
 * settle, so the figure is the steady state. `delivery`'s dispatch-lag histogram, read at both ends
 * of the measured part, tells how much of the latency passed before delivery-service took events up.
 * With `subjects`, the events share that many subjects and each subject's order is checked at the
 * receiver; with `waitMs`, what has not arrived that long after the last event was produced is
 * counted as missing (beyond every latency) instead of failing the run. `atWarmupEnd` is called
 * (not awaited) as the measured part begins.
 */
async function measureLatency(receiver, tenants, delivery, label, { endpoints = ENDPOINTS, loadSeconds = SETTINGS.loadSeconds, hung, subjects, waitMs, atWarmupEnd } = {}) {
  await receiver.drain();
  const sentAt = new Map();
  const subjectOf = new Map();
  const awaited = new Set();
  const counted = new Set();
  const warmup = OFFERED_PER_SECOND * SETTINGS.warmupSeconds;
  const total = warmup + OFFERED_PER_SECOND * loadSeconds;
  let lagBefore;
  const eventAt = (n, at) => {
    const endpoint = endpointFor(endpoints, n);
    const seq = nextSequence();
    sentAt.set(seq, at);
    if (endpoint.immediate && endpoint !== hung) awaited.add(seq);
    if (endpoint.immediate && endpoint !== hung && n >= warmup) counted.add(seq);
    if (subjects) subjectOf.set(seq, `subject-${n % subjects}`);
    return benchEvent(endpoint, tenants.get(endpoint.index), seq, subjectOf.get(seq));
  };
  const began = now();
  const offeredPerSecond = await produceSteadily(OFFERED_PER_SECOND, total, eventAt, (n) => {
    if (n === warmup) {
      lagBefore = scrapeHistogram(delivery.url, DISPATCH_LAG);
      atWarmupEnd?.();
    }
  });
  const arrivals = await receiver.collect(awaited.size, waitMs ?? 120_000, ([seq]) => awaited.has(seq), { giveUp: waitMs !== undefined });
  const dispatchLagP99 = quantileBetween(await lagBefore, await scrapeHistogram(delivery.url, DISPATCH_LAG), 0.99) * 1000;
  const arrived = new Set(arrivals.map(([seq]) => seq));
  const missing = [...awaited].filter((seq) => !arrived.has(seq)).length;
  // An event that never arrived took longer than the wait: it ranks after every delivered one.
  const neverArrived = [...counted].filter((seq) => !arrived.has(seq)).map(() => Infinity);
  const latencies = [...arrivals.filter(([seq]) => counted.has(seq)).map(([seq, at]) => at - sentAt.get(seq)), ...neverArrived];
  // Everything else that arrived within the measured window: paced SecuTix deliveries.
  const measuredFrom = began + SETTINGS.warmupSeconds * 1000;
  const measuredTo = arrivals.reduce((last, [seq, at]) => (counted.has(seq) ? Math.max(last, at) : last), 0);
  const pacedAt = arrivals.filter(([seq, at]) => !awaited.has(seq) && at >= measuredFrom && at <= measuredTo).map(([, at]) => at);
  // The steady state apart from the paced run: deliveries that arrived before its first or after its last order.
  const [runFrom, runTo] = [Math.min(...pacedAt), Math.max(...pacedAt)];
  const outside = arrivals.filter(([seq, at]) => counted.has(seq) && (at < runFrom || at > runTo)).map(([seq, at]) => at - sentAt.get(seq));
  const summary = { ...latencySummary(latencies), offeredPerSecond, paced: pacedAt.length, p99OutsidePaced: latencySummary(outside).p99, dispatchLagP99, offered: awaited.size, missing };
  if (subjects) Object.assign(summary, { subjects, outOfOrder: outOfOrderSubjects(arrivals, subjectOf) });
  const paced = endpoints.some((endpoint) => !endpoint.immediate) ? `; ${summary.paced} paced SecuTix deliveries meanwhile, p99 ${round(summary.p99OutsidePaced, 1)} ms outside their run` : '';
  const ordered = subjects ? `; ${missing} of ${awaited.size} not arrived within ${waitMs / 1000} s after the last was produced; ${summary.outOfOrder} of ${subjects} subjects out of order` : '';
  log(`${label}: offered ${round(offeredPerSecond)} events/s; latency p50 ${round(summary.p50, 1)} ms, p99 ${round(summary.p99, 1)} ms, max ${round(summary.max, 1)} ms over ${summary.n} deliveries${paced}; p99 of events taken up by delivery-service within ${dispatchLagP99} ms${ordered}`);
  return summary;
}

/**
 * Produces `total` events straight to the events topic at `perSecond`, in ticks of 10 ms:
 * `eventAt(n, at)` gives the n-th event (`at`: just before its produce call); `beforeTick(n)` runs
 * before the tick that starts with the n-th. Resolves with the rate offered, once all are on the topic.
 */
async function produceSteadily(perSecond, total, eventAt, beforeTick = () => undefined) {
  const perTick = perSecond / 100;
  const began = now();
  const sends = [];
  for (let tick = 0; tick * perTick < total; tick += 1) {
    const due = began + tick * 10;
    if (due > now()) await sleep(due - now());
    beforeTick(tick * perTick);
    const messages = [];
    const at = now();
    // Whole events per tick: below 100 events/s most ticks carry none.
    for (let n = Math.ceil(tick * perTick); n < Math.min(Math.ceil((tick + 1) * perTick), total); n += 1) messages.push(message(eventAt(n, at)));
    if (messages.length === 0) continue;
    sends.push(producer.send({ topic: eventsTopic, acks: -1, messages }));
  }
  await Promise.all(sends);
  return total / ((now() - began) / 1000);
}

/**
 * One endpoint's backlog, drained as the 50-endpoint backlogs are: soloBacklog events (each its own
 * subject) for SOLO.backlog produced while delivery-service is stopped, then taken up by a fresh
 * instance. Given up after soloDrainMs: the rate's window then ends there, and what had not arrived
 * is counted.
 */
async function measureSoloBacklog(receiver, tenants) {
  await stopDelivery();
  const backlog = new Set(await produceBacklog([SOLO.backlog], tenants, SETTINGS.soloBacklog));
  await receiver.drain();
  await startDelivery();
  const startedAt = now();
  const arrivals = await receiver.collect(backlog.size, SETTINGS.soloDrainMs, ([seq]) => backlog.has(seq), { giveUp: true });
  const gaveUpAt = now();
  const firstAt = new Map();
  for (const [seq, at] of arrivals) if (backlog.has(seq) && !firstAt.has(seq)) firstAt.set(seq, at);
  const { perSecond } = sustainedWindow([...firstAt.values()], { total: backlog.size, startedAt, gaveUpAt });
  const missing = backlog.size - firstAt.size;
  log(`one endpoint, backlog: ${round(perSecond)} deliveries/s over a backlog of ${backlog.size}; ${missing} not arrived after ${round((gaveUpAt - startedAt) / 1000)} s`);
  return { perSecond, events: backlog.size, missing };
}

/**
 * One endpoint rate-limiting: for throttleSeconds the receiver answers SOLO.throttled's every request
 * 429 with `Retry-After: RETRY_AFTER_SECONDS`, then 200, while THROTTLED_PER_SECOND events/s are
 * produced for it over that phase. Lost: not arrived soloWaitMs after the phase ended. The receiver
 * tells how many requests it refused and which events it got more than once (one event is one
 * delivery here); the delivery log, once every consumer has caught up, how many deliveries failed:
 * those used up their retry policy.
 */
async function measureThrottled(receiver, tenants, configUrl, admin) {
  const endpoint = SOLO.throttled;
  await receiver.drain();
  await receiver.refusals();
  const phaseMs = SETTINGS.throttleSeconds * 1000;
  receiver.throttle(endpoint.route, phaseMs, RETRY_AFTER_SECONDS);
  const phaseEnds = now() + phaseMs;
  const offered = new Set();
  const eventAt = () => {
    const seq = nextSequence();
    offered.add(seq);
    return benchEvent(endpoint, tenants.get(endpoint.index), seq);
  };
  await produceSteadily(THROTTLED_PER_SECOND, THROTTLED_PER_SECOND * SETTINGS.throttleSeconds, eventAt);
  const arrivals = await receiver.collect(offered.size, phaseEnds + SETTINGS.soloWaitMs - now(), ([seq]) => offered.has(seq), { giveUp: true });
  const refused = await receiver.refusals();
  const requests = new Map();
  for (const [seq] of [...refused, ...arrivals]) if (offered.has(seq)) requests.set(seq, (requests.get(seq) ?? 0) + 1);
  const lost = offered.size - new Set(arrivals.map(([seq]) => seq).filter((seq) => offered.has(seq))).size;
  const sentAgain = [...requests.values()].filter((count) => count > 1).length;
  await untilConsumersCaughtUp();
  const exhausted = await countDeliveries(configUrl, admin, 'failed');
  // Komerce deactivates a subscription whose deliveries keep failing.
  const subscriptionStatus = await subscriptionStatusOf(configUrl, admin);
  const summary = { offered: offered.size, lost, refused: refused.length, sentAgain, exhausted, subscriptionStatus };
  log(`one endpoint answering 429 for ${SETTINGS.throttleSeconds} s: ${lost} of ${offered.size} events lost (not arrived ${SETTINGS.soloWaitMs / 1000} s after the phase), ${refused.length} requests answered 429, ${sentAgain} deliveries sent more than once, ${exhausted} failed (retry policy used up); subscription ${subscriptionStatus}`);
  return summary;
}

/** Runs `phase` and logs the CPU each service used meanwhile (where the machine's 2 cores went). */
async function withCpuShares(label, phase) {
  const broker = runningPid();
  const parts = () => [
    ...[...running].filter((part) => part.pid).map((part) => ({ name: part.name, pid: part.pid })),
    ...(broker ? [{ name: 'kafka broker', pid: broker }] : []),
  ];
  const before = new Map(parts().map(({ pid }) => [pid, cpuSecondsOf(pid)]));
  const benchBefore = process.cpuUsage();
  const began = performance.now();
  const result = await phase();
  const seconds = (performance.now() - began) / 1000;
  const share = (user, system) => `${round(((user + system) / seconds) * 100)} % (system ${round((system / seconds) * 100)} %)`;
  // A service started during the phase spent all its CPU in it.
  const shares = parts().map(({ name, pid }) => {
    const [now, then] = [cpuSecondsOf(pid), before.get(pid) ?? { user: 0, system: 0 }];
    return `${name} ${share(now.user - then.user, now.system - then.system)}`;
  });
  const bench = process.cpuUsage(benchBefore);
  shares.push(`bench ${share(bench.user / 1e6, bench.system / 1e6)}`);
  log(`${label}: CPU (100 % = one core): ${shares.join(', ')}`);
  (results.cpu ??= {})[label] = shares.join(', ');
  return result;
}

// --- set-up and tear-down ---------------------------------------------------------------------

/**
 * One tenant per endpoint, each with one subscription; returns endpoint index → tenant id, and
 * endpoint index → `{key, subscriptionId}` (the tenant's admin key).
 */
async function subscribeAll(configUrl, receiver, endpoints) {
  const tenants = new Map();
  const admins = new Map();
  for (const endpoint of endpoints) {
    const tenant = await newTenant(`bench-${endpoint.index}`);
    const [subscriptionId] = await subscribe(tenant, receiver, [endpoint]);
    tenants.set(endpoint.index, tenant.id);
    admins.set(endpoint.index, { key: tenant.key, subscriptionId });
  }
  return { tenants, admins };
}

/** A tenant of config-service, with an admin key: `{ id, key }`. */
async function newTenant(name) {
  const tenant = await configCall('/v1/tenants', secrets.HOOKBUS_ADMIN_TOKEN, { name });
  const { key } = await configCall(`/v1/tenants/${tenant.id}/api-keys`, secrets.HOOKBUS_ADMIN_TOKEN, { roles: ['admin'] });
  return { id: tenant.id, key };
}

/** Subscribes `tenant` to each endpoint (plan.mjs) at the receiver; resolves to the subscription ids. */
async function subscribe(tenant, receiver, endpoints) {
  const ids = [];
  for (const endpoint of endpoints) ids.push((await configCall('/v1/subscriptions', tenant.key, subscriptionBody(endpoint, receiver.urlOf(endpoint)))).id);
  return ids;
}

async function configCall(pathname, token, body) {
  const response = await fetch(`${services['config-service'].url}${pathname}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (response.status !== 201) throw new Error(`POST ${pathname} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

/** What the scale part (scale/scale.mjs) uses of this run. */
function scaleBench(receiver, tenants, immediate) {
  return {
    log,
    settings: SETTINGS,
    receiver,
    tenants,
    kafka,
    kafkaClient: client,
    secrets,
    dataDir,
    offeredPerSecond: OFFERED_PER_SECOND,
    configDatabaseFile: path.join(dataDir, 'config-service.sqlite'),
    service: (name) => services[name],
    stopService: stopNamed,
    startService: startNamed,
    stopDelivery,
    startDelivery,
    viewSize: () => scrapeCounter(services['delivery-service'].url, VIEW_SIZE),
    untilViewHolds,
    untilConsumersCaughtUp,
    withCpuShares,
    drainRate,
    produceSteadily,
    nextSequence,
    produceBacklog: () => produceBacklog(immediate, tenants),
    produce,
    topicOffsets,
    sampleRss,
    measureLatency: (label, options) => measureLatency(receiver, tenants, services['delivery-service'], label, { loadSeconds: SETTINGS.scaleLoadSeconds, ...options }),
    newTenant,
    subscribe: (tenant, endpoints) => subscribe(tenant, receiver, endpoints),
  };
}

/** Produces `events` straight to the events topic, in requests of at most ~900 kB (the broker takes 1 MB per batch). */
async function produce(events) {
  let messages = [];
  let bytes = 0;
  const send = async () => {
    if (messages.length > 0) await producer.send({ topic: eventsTopic, acks: -1, messages });
    [messages, bytes] = [[], 0];
  };
  for (const event of events) {
    const next = message(event);
    if (bytes + next.value.length > 900_000) await send();
    messages.push(next);
    bytes += next.value.length;
  }
  await send();
}

/** The end offset of every partition of this run's topics: topic → partition → offset. */
async function topicOffsets() {
  const admin = client.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    return new Map(await Promise.all(topics.map(async (topic) => [topic, new Map((await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => [partition, Number(high)]))])));
  } finally {
    await admin.disconnect();
  }
}

/** Samples every service's resident set until `stop()`, which returns the largest per service (MB). */
function sampleRss() {
  const peaks = {};
  const sample = () => {
    for (const [name, service] of Object.entries(services)) peaks[name] = Math.max(peaks[name] ?? 0, service.rssMb());
  };
  const timer = setInterval(sample, 250);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peaks;
    },
  };
}

async function deleteSubscription(configUrl, { key, subscriptionId }) {
  const response = await fetch(`${configUrl}/v1/subscriptions/${subscriptionId}`, { method: 'DELETE', headers: { authorization: `Bearer ${key}` } });
  if (response.status !== 204) throw new Error(`DELETE /v1/subscriptions/${subscriptionId} answered ${response.status}: ${await response.text()}`);
}

/** How many of the subscription's deliveries the delivery log holds in `status`. */
async function countDeliveries(configUrl, { key, subscriptionId }, status) {
  let count = 0;
  let cursor;
  do {
    const query = new URLSearchParams({ subscriptionId, status, limit: '100', ...(cursor ? { cursor } : {}) });
    const response = await fetch(`${configUrl}/v1/deliveries?${query}`, { headers: { authorization: `Bearer ${key}` } });
    if (!response.ok) throw new Error(`GET /v1/deliveries answered ${response.status}: ${await response.text()}`);
    const page = await response.json();
    count += page.items.length;
    cursor = page.next;
  } while (cursor);
  return count;
}

async function subscriptionStatusOf(configUrl, { key, subscriptionId }) {
  const response = await fetch(`${configUrl}/v1/subscriptions/${subscriptionId}`, { headers: { authorization: `Bearer ${key}` } });
  if (!response.ok) throw new Error(`GET /v1/subscriptions/${subscriptionId} answered ${response.status}: ${await response.text()}`);
  return (await response.json()).status;
}

async function stopNamed(name) {
  await services[name].stop();
  running.delete(services[name]);
}

/** Starts service `name` (again, on a new port); resolves once it is ready. */
async function startNamed(name) {
  services[name] = await startService(name, await freePort(), serviceEnv(name), profiling(name));
  running.add(services[name]);
  return services[name];
}

/** Stops delivery-service (a drain's consumer starts afresh on a backlog). */
function stopDelivery() {
  return stopNamed('delivery-service');
}

/** Starts delivery-service again; resolves to its pid once it is ready. */
async function startDelivery() {
  return (await startNamed('delivery-service')).pid;
}

/** Waits until delivery-service's view holds `count` subscriptions (its gauge); resolves to the seconds that took. */
async function untilViewHolds(count) {
  const began = performance.now();
  const deadline = Date.now() + 120_000;
  while ((await scrapeCounter(services['delivery-service'].url, VIEW_SIZE)) < count) {
    if (Date.now() > deadline) throw new Error(`delivery-service did not see ${count} subscriptions within 120 s`);
    await sleep(100);
  }
  return (performance.now() - began) / 1000;
}

/** Waits until every hookbus consumer group of this run has committed up to the end of its topics. */
async function untilConsumersCaughtUp() {
  const admin = client.admin();
  await admin.connect();
  try {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const groups = (await admin.listGroups()).groups.map(({ groupId }) => groupId).filter((id) => id.startsWith(`${prefix}hookbus-`));
      let lag = 0;
      for (const groupId of groups) {
        for (const { topic, partitions } of await admin.fetchOffsets({ groupId })) {
          const ends = new Map((await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => [partition, Number(high)]));
          for (const { partition, offset } of partitions) lag += Math.max(0, (ends.get(partition) ?? 0) - Math.max(0, Number(offset)));
        }
      }
      if (lag === 0) return;
      if (Date.now() > deadline) throw new Error(`consumers still ${lag} messages behind after 120 s`);
      await sleep(250);
    }
  } finally {
    await admin.disconnect();
  }
}

async function deleteTopics() {
  const admin = client.admin();
  await admin.connect();
  const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
  if (topics.length > 0) await admin.deleteTopics({ topics });
  await admin.deleteGroups([`${prefix}bench-baseline`]).catch(() => undefined);
  await admin.disconnect();
}

// --- report -----------------------------------------------------------------------------------

function report() {
  const { ceiling, throughput, latency, isolation, falseRebalances, soloBacklog, soloLatency, throttled, ingest, rss } = results;
  const { baseline, hookbus } = throughput;
  const range = (values) => `${round(Math.min(...values), 2)}–${round(Math.max(...values), 2)}`;
  const ms = (value) => `${round(value, 1)} ms`;
  // A one-endpoint latency of an event that never arrived: beyond the row's wait.
  const msOrBeyond = (value) => (value === Infinity ? `> ${SETTINGS.soloWaitMs / 1000} s` : ms(value));
  // Every process of the run shares these cores: the most machine CPU a delivery may cost at the target rate.
  const cores = availableParallelism();
  const budgetMicros = (cores / (0.6 * baseline.perSecond)) * 1e6;
  const rows = [
    ['ceiling: bare undici POSTs', `${round(ceiling.perSecond)} req/s`, '', ''],
    ['baseline: kafkajs → undici', `${round(baseline.perSecond)} deliveries/s`, `median of ${PAIRS} drains`, ''],
    ['hookbus: one delivery-service', `${round(hookbus.perSecond)} deliveries/s`, `${round(throughput.rateRatio, 2)} × baseline (pairs ${range(throughput.rateRatios)}), ${round(hookbus.perSecond / ceiling.perSecond, 2)} × ceiling`, met(throughput.rateRatio >= 0.6, '≥ 0.6 × baseline')],
    ['CPU per delivery (consumer process): baseline / hookbus', `${round(baseline.cpuMicrosPerDelivery)} µs / ${round(hookbus.cpuMicrosPerDelivery)} µs`, `${round(throughput.cpuRatio, 1)} × baseline (pairs ${range(throughput.cpuRatios)})`, ''],
    ['CPU per delivery (whole machine): baseline / hookbus', `${round(baseline.machineMicrosPerDelivery)} µs / ${round(hookbus.machineMicrosPerDelivery)} µs`, `hookbus does ${round(baseline.machineMicrosPerDelivery / hookbus.machineMicrosPerDelivery, 2)} × the baseline's deliveries per CPU second; 0.6 × the baseline's rate fits on ${cores} cores only at ≤ ${round(budgetMicros)} µs`, ''],
    ['consumer main thread on a CPU / waiting for one: baseline; hookbus', `${percent(baseline.mainThread.running)} / ${percent(baseline.mainThread.waiting)}; ${percent(hookbus.mainThread.running)} / ${percent(hookbus.mainThread.waiting)}`, 'share of the drain', ''],
    [`latency at ${round(latency.offeredPerSecond)} events/s: p50 / p99 / max`, `${ms(latency.p50)} / ${ms(latency.p99)} / ${ms(latency.max)}`, `${latency.n} deliveries; ${latency.paced} paced meanwhile, p99 ${ms(latency.p99OutsidePaced)} outside their run; 99 % of events taken up by delivery-service within ${ms(latency.dispatchLagP99)}`, met(latency.p99 < 50, 'p99 < 50 ms')],
    ['same, 1 of 50 endpoints hanging: healthy p50 / p99 / max', `${ms(isolation.p50)} / ${ms(isolation.p99)} / ${ms(isolation.max)}`, `p99 ${round(isolation.p99 / latency.p99, 2)} × unhung; ${isolation.paced} paced meanwhile, p99 ${ms(isolation.p99OutsidePaced)} outside their run; 99 % taken up within ${ms(isolation.dispatchLagP99)}`, met(isolation.p99 <= latency.p99 * 1.2, 'p99 within 20 %')],
    ['consumer group joins during both fixed loads (false rebalances)', `${falseRebalances}`, 'delivery-service\'s groups, with KAFKA_SESSION_TIMEOUT_MS at its default', met(falseRebalances === 0, '0')],
    [
      `one endpoint, ${soloBacklog.events}-event backlog: drained`,
      `${round(soloBacklog.perSecond)} deliveries/s`,
      `${round(soloBacklog.perSecond / hookbus.perSecond, 2)} × the 50-endpoint drain; ${soloBacklog.missing} not arrived within ${SETTINGS.soloDrainMs / 1000} s`,
      met(soloBacklog.perSecond >= 0.8 * hookbus.perSecond && soloBacklog.missing === 0, '≥ 0.8 × the 50-endpoint drain, all arrived'),
    ],
    [
      `one endpoint at ${round(soloLatency.offeredPerSecond)} events/s, ${soloLatency.subjects} subjects: p50 / p99 / max`,
      `${msOrBeyond(soloLatency.p50)} / ${msOrBeyond(soloLatency.p99)} / ${msOrBeyond(soloLatency.max)}`,
      `${soloLatency.missing} of ${soloLatency.offered} not arrived within ${SETTINGS.soloWaitMs / 1000} s; ${soloLatency.outOfOrder} subjects out of order; 99 % taken up by delivery-service within ${ms(soloLatency.dispatchLagP99)}`,
      met(soloLatency.p99 < 50 && soloLatency.missing === 0 && soloLatency.outOfOrder === 0, 'p99 < 50 ms, all arrived, every subject in order'),
    ],
    [
      `one endpoint answering 429 (Retry-After: ${RETRY_AFTER_SECONDS}) for ${SETTINGS.throttleSeconds} s, then 200: lost / retry policies used up`,
      `${throttled.lost} / ${throttled.exhausted}`,
      `of ${throttled.offered} events at ${THROTTLED_PER_SECOND}/s; ${throttled.refused} requests during the 429 phase (one per Retry-After would be ${SETTINGS.throttleSeconds / RETRY_AFTER_SECONDS}); ${throttled.sentAgain} deliveries sent more than once; subscription ${throttled.subscriptionStatus} at the end`,
      met(throttled.lost === 0 && throttled.exhausted === 0, 'nothing lost, no retry policy used up'),
    ],
    ['batch ingest (POST /v1/events/batch)', `${round(ingest.perSecond)} events/s`, '', met(ingest.perSecond >= 20_000, '≥ 20,000 events/s')],
    ...Object.entries(rss).map(([name, mb]) => [`peak RSS ${name}`, `${round(mb)} MB`, '', name === 'delivery-service' ? met(mb < 250, '< 250 MB') : '']),
  ];
  const table = ['| measure | value | ratio | target |', '|---|---|---|---|', ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
  const machine = [
    `- ${new Date().toISOString()}, \`${process.env.DELIVERY_LOG_SIZES ? `DELIVERY_LOG_SIZES=${process.env.DELIVERY_LOG_SIZES} ` : ''}npm run bench${quick ? ' -- --quick' : ''}\` (${SETTINGS.backlog} backlog events, ${SETTINGS.loadSeconds} s measured per fixed-load run after ${SETTINGS.warmupSeconds} s of warm-up)`,
    ...describeMachine(),
    `- Node ${process.version}, Apache Kafka ${kafkaVersion()} (single local broker), kafkajs ${createRequire(import.meta.url)('kafkajs/package.json').version}`,
  ].join('\n');
  const cpu = Object.entries(results.cpu ?? {}).map(([label, shares]) => `- ${label}: ${shares}`).join('\n');
  console.log(`\n${table}\n\n${machine}\n`);
  const scale = results.scale ? `${scaleSection()}\n` : '';
  const document = `# Benchmarks\n\nWritten by \`npm run bench\` (tools/bench/); every figure comes from the same run on the same machine.\n\n${machine}\n\n${table}\n\n${scale}${keptSections()}Where the cores went (CPU per process, 100 % = one core):\n\n${cpu}\n\n${METHOD}\n`;
  mkdirSync(path.join(root, 'docs'), { recursive: true });
  writeFileSync(path.join(root, 'docs', 'benchmarks.md'), document);
  log('written to docs/benchmarks.md');
}


function scaleSection() {
  const smallEventBytes = Buffer.byteLength(JSON.stringify(benchEvent(ENDPOINTS[0], 'tnt_xxxxxxxxxxxxxxxxxxxxxxxx', 1)));
  return scaleMarkdown(results.scale, { drainPerSecond: results.throughput.hookbus.perSecond, smallEventBytes, subscriptions: ENDPOINTS.length + Object.keys(SOLO).length });
}

/** Sections measured apart from a bench run, kept from the page as they are until "Where the cores went". */
function keptSections() {
  const headings = [
    // tools/bench/cpu-split.mjs: a bench run has no profiles.
    "## Where delivery-service's CPU goes\n",
    // Quick runs with and without OTEL_* set (the section says how).
    '## Tracing\n',
  ];
  const file = path.join(root, 'docs', 'benchmarks.md');
  const document = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const starts = headings.map((heading) => document.indexOf(heading)).filter((index) => index >= 0);
  const start = Math.min(...starts);
  const end = document.indexOf('\nWhere the cores went', start);
  return starts.length === 0 || end < 0 ? '' : `${document.slice(start, end).trimEnd()}\n\n`;
}

/** `--scale`: prints the scale part and puts it in place of docs/benchmarks.md's scale section. */
function reportScaleOnly() {
  const section = `${scaleSection()}\n_This section: \`npm run bench -- --scale\`, ${new Date().toISOString()}; the figures above it come from the last full run._\n`;
  console.log(`\n${section}`);
  const file = path.join(root, 'docs', 'benchmarks.md');
  const document = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\n';
  const [before, rest = ''] = document.split(/^## Scale\n/m);
  const after = rest.includes('\nWhere the cores went') ? rest.slice(rest.indexOf('\nWhere the cores went') + 1) : '';
  writeFileSync(file, `${before.replace(/\n*$/, '\n\n')}${section}\n${keptSections()}${after}`);
  log('scale section written to docs/benchmarks.md');
}

// --- helpers ----------------------------------------------------------------------------------

/**
 * `BENCH_CPU_PROF=<dir>` profiles the services named in `BENCH_PROFILE` (default delivery-service),
 * each start in `<name>-<n>.cpuprofile`; `BENCH_NODE_ARGS` gives them further Node options (e.g. `--trace-gc`).
 */
function profiling(name) {
  if (!(process.env.BENCH_PROFILE ?? 'delivery-service').split(',').includes(name)) return [];
  const start = (starts[name] = (starts[name] ?? 0) + 1);
  const cpuProfile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`, `--cpu-prof-name=${name}-${start}.cpuprofile`] : [];
  return [...cpuProfile, ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [])];
}

function message(event) {
  return { key: `${event.tenantid}:${event.subject}`, value: JSON.stringify(event) };
}

/** Medians over the pairs of the rates, the CPU per delivery and each pair's ratios, with the ratios' range. */
function throughputOf(pairs) {
  const rateRatios = pairs.map(({ baseline, hookbus }) => hookbus.perSecond / baseline.perSecond);
  const cpuRatios = pairs.map(({ baseline, hookbus }) => hookbus.cpuMicrosPerDelivery / baseline.cpuMicrosPerDelivery);
  const of = (side, key) => median(pairs.map((pair) => pair[side][key]));
  const side = (name) => ({
    perSecond: of(name, 'perSecond'),
    cpuMicrosPerDelivery: of(name, 'cpuMicrosPerDelivery'),
    machineMicrosPerDelivery: of(name, 'machineMicrosPerDelivery'),
    mainThread: { running: median(pairs.map((pair) => pair[name].mainThread.running)), waiting: median(pairs.map((pair) => pair[name].mainThread.waiting)) },
  });
  return {
    baseline: side('baseline'),
    hookbus: side('hookbus'),
    rateRatio: median(rateRatios),
    rateRatios,
    cpuRatio: median(cpuRatios),
    cpuRatios,
  };
}

function nextSequence() {
  sequence += 1;
  return sequence;
}

function countBy(items, key) {
  const counts = {};
  for (const item of items) counts[item[key]] = (counts[item[key]] ?? 0) + 1;
  return Object.entries(counts).map(([name, count]) => `${count} ${name}`).join(', ');
}

function percent(share) {
  return `${round(share * 100)} %`;
}

function met(ok, target) {
  return `${target}: ${ok ? 'met' : '**not met**'}`;
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

function run(command, args, { capture = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'] });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${path.basename(args[0])} exited ${code}`))));
  });
}

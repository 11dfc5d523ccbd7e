#!/usr/bin/env node
// A single-node Apache Kafka (KRaft) broker on loopback for development and tests, without Docker.
// Jars come from Maven Central through tools/kafka/pom.xml; logs, data and the pid file live under
// .data/kafka/. When KAFKA_BROKERS is set, that cluster is used and nothing is started.
//
//   node tools/kafka/local-kafka.mjs start | stop | status
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';

const here = path.dirname(fileURLToPath(import.meta.url));
const workspaceRoot = path.resolve(here, '../..');
// HOOKBUS_KAFKA_HOME gives a broker of its own (data, logs, pid) beside the usual one, e.g. for
// `npm run chaos`, which stops and kills its broker; the jars are shared.
const defaultHome = path.join(workspaceRoot, '.data', 'kafka');
const home = process.env.HOOKBUS_KAFKA_HOME ? path.resolve(process.env.HOOKBUS_KAFKA_HOME) : defaultHome;
const dirs = { lib: path.join(defaultHome, 'lib'), data: path.join(home, 'data'), logs: path.join(home, 'logs') };
const pidFile = path.join(home, 'kafka.pid');
const port = Number(process.env.HOOKBUS_KAFKA_PORT ?? 9092);
const controllerPort = Number(process.env.HOOKBUS_KAFKA_CONTROLLER_PORT ?? port + 1);
const localBrokers = `127.0.0.1:${port}`;

const log = (message) => console.error(`[kafka] ${message}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** True when a Kafka cluster answers a metadata request at `brokers` within `timeoutMs`. */
export async function isReachable(brokers, timeoutMs = 3000) {
  const admin = new Kafka({
    clientId: 'hookbus-local-kafka',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
    connectionTimeout: timeoutMs,
    requestTimeout: timeoutMs,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    await admin.describeCluster();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

export function kafkaVersion() {
  const pom = readFileSync(path.join(here, 'pom.xml'), 'utf8');
  return /<kafka\.version>([^<]+)</.exec(pom)[1];
}

function fetchJars() {
  const marker = path.join(dirs.lib, `.kafka-${kafkaVersion()}`);
  if (existsSync(marker)) return;
  log(`fetching Apache Kafka ${kafkaVersion()} jars with Maven (cached in ~/.m2 after the first run)`);
  rmSync(dirs.lib, { recursive: true, force: true });
  execFileSync(
    'mvn',
    ['-q', '-B', '-f', path.join(here, 'pom.xml'), 'dependency:copy-dependencies',
      '-DincludeScope=runtime', `-DoutputDirectory=${dirs.lib}`],
    { stdio: 'inherit' },
  );
  writeFileSync(marker, '');
}

function writeConfig() {
  const properties = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@127.0.0.1:${controllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'log.dirs': dirs.data,
    // One node: every internal topic must have replication factor 1 or groups never get a coordinator.
    'offsets.topic.replication.factor': 1,
    'offsets.topic.num.partitions': 3,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    'group.initial.rebalance.delay.ms': 0,
    // Topics are created by the bootstrap in libs/kafka; a typo must fail, not create a topic.
    'auto.create.topics.enable': false,
    'num.partitions': 1,
  };
  const serverProperties = path.join(home, 'server.properties');
  writeFileSync(serverProperties, Object.entries(properties).map(([k, v]) => `${k}=${v}`).join('\n') + '\n');
  const log4j = path.join(home, 'log4j2.properties');
  writeFileSync(log4j, [
    'status = warn',
    'appender.console.type = Console',
    'appender.console.name = STDOUT',
    'appender.console.layout.type = PatternLayout',
    'appender.console.layout.pattern = [%d] %p %m (%c)%n',
    'rootLogger.level = INFO',
    'rootLogger.appenderRef.stdout.ref = STDOUT',
    'logger.request.name = kafka.request.logger',
    'logger.request.level = WARN',
    'logger.state.name = state.change.logger',
    'logger.state.level = WARN',
  ].join('\n') + '\n');
  return { serverProperties, log4j };
}

function java(args, options) {
  return spawn('java', ['-cp', `${dirs.lib}/*`, ...args], options);
}

function format(serverProperties) {
  if (existsSync(path.join(dirs.data, 'meta.properties'))) return;
  let clusterId;
  do clusterId = randomBytes(16).toString('base64url'); while (clusterId.startsWith('-'));
  log(`formatting storage (cluster ${clusterId})`);
  execFileSync('java', ['-cp', `${dirs.lib}/*`, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', serverProperties],
    { stdio: ['ignore', 'ignore', 'inherit'] });
}

export function runningPid() {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

async function waitUntilReachable(timeoutMs, pid) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await isReachable(localBrokers, 1000)) return;
    if (pid !== undefined && !runningPid()) throw new Error(`broker exited during start; see ${dirs.logs}/server.log`);
    await sleep(250);
  }
  throw new Error(`broker not reachable on ${localBrokers} after ${timeoutMs} ms; see ${dirs.logs}/server.log`);
}

/**
 * Makes sure a broker is reachable and returns its bootstrap list.
 * `started` is true only when this call launched the broker (so the caller may stop it).
 */
export async function ensureKafka() {
  if (process.env.KAFKA_BROKERS) {
    if (!(await isReachable(process.env.KAFKA_BROKERS, 10_000))) {
      throw new Error(`KAFKA_BROKERS=${process.env.KAFKA_BROKERS} is set but no Kafka answers there`);
    }
    return { brokers: process.env.KAFKA_BROKERS, started: false };
  }
  if (runningPid()) {
    await waitUntilReachable(60_000, runningPid());
    return { brokers: localBrokers, started: false };
  }
  if (await isReachable(localBrokers, 1000)) {
    log(`reusing the broker already listening on ${localBrokers}`);
    return { brokers: localBrokers, started: false };
  }
  const began = Date.now();
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  fetchJars();
  const { serverProperties, log4j } = writeConfig();
  format(serverProperties);
  const out = openSync(path.join(dirs.logs, 'server.log'), 'a');
  // 1 GiB: each test run creates its own prefixed topics, so a reused dev broker holds thousands of
  // partitions (`npm run kafka -- clean` starts afresh; 512 MiB ran out at ~16,000).
  const broker = java(
    ['-Xms256m', '-Xmx1g', '-XX:+UseG1GC', '-Djava.awt.headless=true', `-Dkafka.logs.dir=${dirs.logs}`,
      `-Dlog4j2.configurationFile=${log4j}`, 'kafka.Kafka', serverProperties],
    { detached: true, stdio: ['ignore', out, out] },
  );
  broker.unref();
  writeFileSync(pidFile, String(broker.pid));
  await waitUntilReachable(120_000, broker.pid);
  log(`Apache Kafka ${kafkaVersion()} ready on ${localBrokers} in ${Date.now() - began} ms (pid ${broker.pid})`);
  return { brokers: localBrokers, started: true };
}

/** Stops the broker this workspace started, if any; waits until the process has exited. */
export async function stopKafka() {
  const pid = runningPid();
  if (!pid) return false;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 30_000;
  while (runningPid() && Date.now() < deadline) await sleep(200);
  if (runningPid()) process.kill(pid, 'SIGKILL');
  rmSync(pidFile, { force: true });
  log(`stopped broker pid ${pid}`);
  return true;
}

async function main(command) {
  switch (command) {
    case 'start': {
      const { brokers } = await ensureKafka();
      console.log(`KAFKA_BROKERS=${brokers}`);
      return;
    }
    case 'stop':
      if (!(await stopKafka())) log('no broker started from this workspace is running');
      return;
    case 'status': {
      const reachable = await isReachable(process.env.KAFKA_BROKERS ?? localBrokers);
      console.log(reachable ? `running on ${process.env.KAFKA_BROKERS ?? localBrokers}` : 'not running');
      process.exitCode = reachable ? 0 : 1;
      return;
    }
    case 'clean':
      await stopKafka();
      for (const entry of readdirSync(home, { withFileTypes: true })) {
        if (entry.name !== 'lib') rmSync(path.join(home, entry.name), { recursive: true, force: true });
      }
      return;
    default:
      console.error('usage: local-kafka.mjs start | stop | status | clean');
      process.exitCode = 2;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main(process.argv[2]).catch((error) => {
    log(error.message);
    process.exit(1);
  });
}

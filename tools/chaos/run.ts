// The chaos run (`npm run chaos [-- --quick]`, through tools/chaos.mjs, which builds first): starts
// the platform, offers a steady mixed load, injects one fault after another, and accounts for every
// accepted event. Prints the report, writes docs/reliability.md on a full run, and leaves nothing running.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deliveryId } from '@hookbus/contracts';
import type { GroupLag } from '@hookbus/kafka';
import { pollUntil } from '@hookbus/testing';
import { account, type Accounts } from './accounting';
import { Canary } from './canary';
import { DeliveryLog } from './delivery-log';
import { type Endpoint, endpointNamed } from './endpoints';
import { faultsOf, MALFORMED_MESSAGES } from './faults';
import { groupLag } from './group-lag';
import { ChaosPlatform } from './platform';
import { Producer } from './producer';
import { accountQuarantine } from './quarantine';
import { releaseCounts } from './release-ledger';
import { failures, type FaultOutcome, reportOf, type RunResult } from './report';
import { createTenants, startEndpoints } from './tenants';

const root = path.resolve(__dirname, '../..');
const quick = process.argv.includes('--quick');
const LIMITS = quick ? { warmupMs: 5_000, recoveryMs: 120_000, settleMs: 150_000 } : { warmupMs: 10_000, recoveryMs: 240_000, settleMs: 300_000 };
/** Events each load tenant posts every 250 ms: 16 a second in all. */
const EVENTS_PER_TICK = 2;
const log = (message: string) => console.log(`[chaos] ${new Date().toISOString().slice(11, 19)} ${message}`);
const elapsed = (from: number) => (Date.now() - from) / 1000;

async function main(): Promise<number> {
  const startedAt = new Date();
  const dataDir = path.join(root, '.data', 'chaos', `${startedAt.getTime().toString(36)}-${randomBytes(2).toString('hex')}`);
  mkdirSync(dataDir, { recursive: true });
  const endpoints = await startEndpoints();
  log(`starting the platform (its own broker, PostgreSQL stores); logs in ${path.relative(root, dataDir)}`);
  const platform = await ChaosPlatform.start(dataDir);
  const deliveryLog = new DeliveryLog(platform.configDatabaseUrl);
  const producer = new Producer(platform.url('ingest-service'));
  try {
    const tenants = await createTenants(platform.url('config-service'), endpoints);
    const canary = new Canary(producer, tenants.canary, { prompt: endpointNamed(endpoints, 'canary'), retried: endpointNamed(endpoints, 'canaryRetried') }, deliveryLog, platform.mails);
    const first = await canary.send();
    await pollUntil('the first canary has passed every service', async () => (await canary.missing(first)).length === 0, { timeoutMs: 120_000, intervalMs: 250 });
    producer.start(tenants.load, EVENTS_PER_TICK);
    await pollUntil('the load is taken', () => producer.accepted.length > 0, { timeoutMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, LIMITS.warmupMs));

    const outcomes: (FaultOutcome & { began: number })[] = [];
    for (const fault of faultsOf(quick)) {
      log(`fault: ${fault.name}`);
      const began = Date.now();
      const probe = canary.send();
      const injected = await fault.inject({ platform, endpoints, topicPrefix: platform.topicPrefix });
      const ended = Date.now();
      const sent = await probe;
      let stillMissing: string[] = [];
      const recovered = await pollUntil('recovered', async () => {
        stillMissing = await canary.missing(sent);
        if (!(await platform.allReady())) stillMissing.push('an instance not ready');
        return stillMissing.length === 0;
      }, { timeoutMs: LIMITS.recoveryMs, intervalMs: 250 }).then(() => true, () => false);
      const recoveredAfterSeconds = recovered ? elapsed(ended) : undefined;
      const partitionsWaitedSeconds = await injected?.partitionsWaited?.catch(() => null);
      const outcome = { name: fault.name, began, lastedSeconds: (ended - began) / 1000, recoveredAfterSeconds, partitionsWaitedSeconds, stillMissing, duplicates: 0 };
      outcomes.push(outcome);
      log(recovered ? `recovered ${recoveredAfterSeconds?.toFixed(1)} s after the fault ended` : `NOT recovered: ${stillMissing.join(', ')}`);
      if (partitionsWaitedSeconds !== undefined) log(`the crashed delivery-service's partitions ${partitionsWaitedSeconds === null ? 'were not taken over within the limit' : `waited ${partitionsWaitedSeconds.toFixed(1)} s`}`);
    }

    await producer.stop();
    const loadStopped = Date.now();
    log(`load stopped after ${producer.accepted.length} events; waiting for every delivery to settle`);
    let accounts: Accounts | undefined;
    const settled = await pollUntil('every delivery has settled', async () => {
      accounts = await account(producer.accepted, deliveryLog, platform.mails);
      return accounts.unaccounted.length === 0 && accounts.failedUnmailed === 0 && accounts.logBehind.length === 0;
    }, { timeoutMs: LIMITS.settleMs, intervalMs: 2_000 }).then(() => elapsed(loadStopped), () => undefined);
    countDuplicatesPerFault(outcomes, [...endpoints.values()]);
    const result: RunResult = {
      quick, startedAt, seconds: elapsed(startedAt.getTime()), settledAfterSeconds: settled, machine: JSON.parse(process.env.CHAOS_MACHINE ?? '[]'), faults: outcomes,
      accounts: accounts ?? (await account(producer.accepted, deliveryLog, platform.mails)),
      releases: await releaseCounts(platform.retryDatabaseUrl), earlyAttempts: await deliveryLog.earlyAttempts(),
      quarantine: await accountQuarantine(platform.url('config-service'), platform.loggedObjects()), malformedPublished: MALFORMED_MESSAGES,
    };
    writeFileSync(path.join(dataDir, 'result.json'), JSON.stringify(result, null, 2));
    await writeDiagnostics(path.join(dataDir, 'diagnostics.json'), result.accounts, producer, deliveryLog, await groupLag(platform.broker.brokers, platform.topicPrefix));
    const report = reportOf(result);
    console.log(`\n${report}`);
    writeFileSync(path.join(dataDir, 'report.md'), report);
    if (!quick) writeFileSync(path.join(root, 'docs', 'reliability.md'), report);
    const failed = failures(result);
    for (const failure of failed) console.error(`[chaos] FAILED: ${failure}`);
    return failed.length === 0 ? 0 : 1;
  } finally {
    await producer.stop();
    await deliveryLog.close();
    await platform.stop();
    for (const endpoint of endpoints.values()) await endpoint.stop();
    log('stopped everything');
  }
}

/** Assigns each repeated acceptance to the fault during whose slot (its start until the next one's) it came. */
function countDuplicatesPerFault(outcomes: (FaultOutcome & { began: number })[], endpoints: readonly Endpoint[]): void {
  for (const endpoint of endpoints) {
    for (const { accepted } of endpoint.receipts.values()) {
      for (const at of accepted.slice(1)) {
        const during = outcomes.filter(({ began }) => began <= at).pop();
        if (during) during.duplicates += 1;
      }
    }
  }
}

/** What the run knows of each delivery it could not account for, to find out why. */
async function writeDiagnostics(file: string, accounts: Accounts, producer: Producer, deliveryLog: DeliveryLog, lag: GroupLag[]): Promise<void> {
  const ids = [...accounts.unaccounted, ...accounts.logBehind.map((entry) => entry.split(' ')[0])].slice(0, 50);
  if (ids.length === 0) return;
  const attempts = await deliveryLog.attemptsOf(ids);
  const wanted = new Set(ids);
  const deliveries = producer.accepted.flatMap((event) =>
    event.tenant.subscriptions.filter((subscription) => subscription.eventTypes.includes(event.type)).flatMap((subscription) => {
      const id = deliveryId(event.id, subscription.id);
      if (!wanted.has(id)) return [];
      const receipt = subscription.endpoint.receipts.get(id);
      return [{ id, eventId: event.id, type: event.type, subject: event.subject, tenant: event.tenant.name, plugin: subscription.plugin, endpoint: subscription.endpoint.name, acceptedAt: new Date(event.acceptedAt), receipt, attempts: attempts.filter((attempt) => attempt['delivery_id'] === id) }];
    }));
  writeFileSync(file, JSON.stringify({ lag: lag.filter(({ topics }) => topics.some((topic) => topic.lag > 0)), deliveries }, null, 2));
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('[chaos] the run broke:', error);
    process.exit(2);
  },
);

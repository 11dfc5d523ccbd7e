import type { Accounts } from './accounting';
import type { EarlyAttempt } from './delivery-log';
import type { QuarantineAccounts } from './quarantine';

/** How the platform came through one fault. */
export interface FaultOutcome {
  readonly name: string;
  /** From injecting it to taking it away (a restart, a reconnection). */
  readonly lastedSeconds: number;
  /** From taking it away until the canary had passed every service; undefined: never within the limit. */
  readonly recoveredAfterSeconds?: number;
  /** A delivery-service crash: from the SIGKILL until its group was stable without the dead member (null: not within the limit). */
  readonly partitionsWaitedSeconds?: number | null;
  readonly stillMissing: string[];
  /** Deliveries a receiver took again from its start until the next fault's (allowed: receivers dedupe by `webhook-id`). */
  duplicates: number;
}

export interface RunResult {
  readonly quick: boolean;
  readonly startedAt: Date;
  readonly seconds: number;
  /** From stopping the load until every delivery was accounted for; undefined: not within the time allowed. */
  readonly settledAfterSeconds?: number;
  readonly machine: string[];
  readonly faults: FaultOutcome[];
  readonly accounts: Accounts;
  /** retry-scheduler's releases, and those that went out before they were due. */
  readonly releases: { released: number; early: number };
  /** Attempts made before the due time the delivery log showed for them. */
  readonly earlyAttempts: readonly EarlyAttempt[];
  readonly quarantine: QuarantineAccounts;
  readonly malformedPublished: number;
}

/** The run's verdicts: each must hold for the run to pass. */
export function failures(result: RunResult): string[] {
  const { accounts, quarantine } = result;
  return [
    accounts.unaccounted.length > 0 && `${accounts.unaccounted.length} deliveries lost (e.g. ${accounts.unaccounted.slice(0, 3).join(', ')})`,
    result.releases.early > 0 && `${result.releases.early} retries released before their due time`,
    quarantine.others.length > 0 && `${quarantine.others.length} messages quarantined that were not malformed: ${JSON.stringify(quarantine.others.slice(0, 3))}`,
    accounts.failedUnmailed > 0 && `${accounts.failedUnmailed} failed deliveries without an e-mail`,
    accounts.failedMailedTwice > 0 && `${accounts.failedMailedTwice} failed deliveries e-mailed under two Message-IDs`,
    accounts.logBehind.length > 0 && `${accounts.logBehind.length} deliveries received but logged neither delivered nor with an attempt due (${accounts.logBehind.slice(0, 3).join(', ')})`,
    quarantine.malformed < result.malformedPublished && `${result.malformedPublished - quarantine.malformed} malformed messages neither handled nor quarantined`,
    ...result.faults.filter((fault) => fault.recoveredAfterSeconds === undefined).map((fault) => `no recovery after "${fault.name}": still missing ${fault.stillMissing.join(', ')}`),
  ].filter((failure): failure is string => typeof failure === 'string');
}

const METHOD = `## How the run works

- **The platform** runs as \`npm start\` runs it, from the build, with a broker of its own (so it can be
  stopped and killed) and the stores on PostgreSQL, each service with a database of its own;
  config-service and retry-scheduler reach theirs through a TCP proxy of the run, which the
  database outage cuts. delivery-service runs per vendor and scaled out: \`delivery-komet\`
  (\`DELIVERY_PLUGINS=komet\`) alone in its consumer group, and \`delivery-a\` and \`delivery-b\` (komerce,
  secutix, postback, webhook) sharing theirs. notifier-service sends to an SMTP server of the run.
- **The load**: two tenants, each with a subscription of every plugin and of the generic webhook
  (\`order.*\`, so one event reaches two plugins), 16 events/s posted to ingest-service in batches.
  The receivers answer at once (Komet order confirmations, webhook), after 300 ms (Komerce),
  refusing one order in five with Komet's status 0 (cancellations: failed, e-mailed), 503 on each
  delivery's first attempt (postback: the retry-scheduler releases the retry), or never (the second
  tenant's webhook for cancellations: the plugin's timeout, then the circuit). SecuTix orders leave
  at their subscription's runs, every minute. Retry policies are seconds long, so retries, their
  releases and the failures they end in happen within the run. A batch ingest refuses or leaves
  unanswered is posted again, as producers do; only events answered 202 count as accepted.
- **Each fault** is injected while the load runs. At the same moment a canary is sent through a
  tenant of its own: 24 subjects of Komet and Komerce events (so every partition of both delivery
  groups carries one), one postback event whose first attempt fails (retry-scheduler) and one
  refused Komet order (notifier-service, SMTP). *Recovered after it ended* is the time from taking
  the fault away (the restart, the reconnection) until every canary delivery has been received,
  retried, e-mailed and shown in the delivery log in its final state, and every instance answers
  \`/health/ready\` again. A killed service is restarted after 5 s. A killed delivery-service's
  partitions wait for its group to notice, whether or not its twin runs: kafkajs has no static
  membership, so the group waits out the dead member's session (\`KAFKA_SESSION_TIMEOUT_MS\`, 10 s
  by default, with a heartbeat every second). *Partitions waited* is the time from the SIGKILL until
  the group is stable again without the dead member, its partitions handed to the live ones.
- **The accounts**, once the load has stopped and every delivery has settled (or the time allowed
  is up): each delivery every accepted event calls for (its id is derived from the event and the
  subscription, as \`webhook-id\`) is delivered (its receiver took it), failed visibly (\`failed\` or
  \`abandoned\` in the delivery log, and e-mailed), or still scheduled (\`retrying\` with a due time,
  or a SecuTix order waiting for its run); anything else is **lost**. One its receiver took while
  the log still shows an attempt due was handled twice after a crash (at-least-once): the second
  chain's next attempt will be a duplicate, counted apart. Early releases are read from
  retry-scheduler's store (released before due); quarantined messages from \`GET /v1/quarantine\`;
  the burst's messages on the compacted topics (subscriptions, API keys) are skipped by the views
  that read them, with a warning, which the run reads from the services' logs.
`;

const seconds = (value: number | undefined) => (value === undefined ? 'not recovered' : `${value.toFixed(1)} s`);
const waited = ({ partitionsWaitedSeconds: waited }: FaultOutcome) => (waited === undefined ? '' : waited === null ? 'not taken over' : `${waited.toFixed(1)} s`);

/** The run as markdown: one row per fault, then the accounts. */
export function reportOf(result: RunResult): string {
  const { accounts, quarantine } = result;
  const verdicts = failures(result);
  const malformed = Object.entries(quarantine.malformedByTopic).map(([topic, count]) => `${topic.replace(/^chaos-[^.]+\./, '')} ${count}`).join(', ');
  return `# Reliability: the chaos run

\`npm run chaos${result.quick ? ' -- --quick' : ''}\` on ${result.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${Math.round(result.seconds)} s in all:
**${verdicts.length === 0 ? 'passed' : `FAILED: ${verdicts.join('; ')}`}**.

${result.machine.join('\n')}

## Faults, one after another, under a steady load

| fault | lasted | recovered after it ended | a crashed delivery-service's partitions waited | taken again by a receiver meanwhile |
|---|---:|---:|---:|---:|
${result.faults.map((fault) => `| ${fault.name} | ${fault.lastedSeconds.toFixed(1)} s | ${seconds(fault.recoveredAfterSeconds)} | ${waited(fault)} | ${fault.duplicates} |`).join('\n')}

## Every accepted event accounted for

${result.settledAfterSeconds === undefined ? 'Not every delivery had settled when the time allowed was up.' : `Every delivery had settled ${result.settledAfterSeconds.toFixed(0)} s after the load stopped.`}

| figure | value | must be |
|---|---:|---|
| events accepted (202 from ingest-service) | ${accounts.events} | |
| deliveries they call for | ${accounts.deliveries} | |
| delivered (taken by the receiver) | ${accounts.delivered} | |
| failed visibly (\`failed\`/\`abandoned\` in the log, e-mailed) | ${accounts.failed} | |
| still scheduled, with a due time | ${accounts.scheduled} | |
| **lost** | **${accounts.unaccounted.length}** | 0 |
| taken twice or more by a receiver (per \`webhook-id\`) | ${accounts.duplicates} | counted |
| received, and a second chain of attempts still due (a duplicate to come) | ${accounts.deliveredWithAttemptDue} | counted |
| received, but the log shows neither \`delivered\` nor an attempt due | ${accounts.logBehind.length} | 0 |
| retries released before their due time (retry-scheduler's store) | ${result.releases.early} of ${result.releases.released} | 0 |
| attempts made before the due time the delivery log showed | ${result.earlyAttempts.length} | counted |
| failed deliveries without an e-mail | ${accounts.failedUnmailed} | 0 |
| failed deliveries e-mailed under two Message-IDs | ${accounts.failedMailedTwice} | 0 |
| e-mails sent again with the same Message-ID | ${accounts.mailRepeats} | counted |
| quarantined, not malformed (an infrastructure fault taken for poison) | ${quarantine.others.length} | 0 |
| malformed messages quarantined, or skipped with a warning by a view | ${quarantine.malformed} of ${result.malformedPublished} (${malformed || 'none'}) | all |

${METHOD}`;
}

import { type DeadLetterRecordV1, retryRecordV1, Topics } from '@hookbus/contracts';
import { type KafkaBus, QuarantineHeaders } from '@hookbus/kafka';
import { collect, pollUntil, testBus, testDatabases, uniqueGroup, uniquePrefix } from '@hookbus/testing';
import { deadLetter, deferred } from '../support/dead-letters';
import { pendingOf, percentiles, publishDeadLetters, releasesPerDelivery, retryTopicCount, startScheduler } from '../support/retry-scheduler';
import type { ServiceProcess } from '../support/service-process';

const [sqlite, postgresql] = testDatabases();

/** Each test: its own topics, consumer group and database. */
async function setting(label: string, databaseUrl: string) {
  const prefix = uniquePrefix(label);
  const bus = await testBus(prefix);
  const retries = await collect(bus, Topics.retries.name);
  const env = { KAFKA_TOPIC_PREFIX: prefix, KAFKA_GROUP_ID: uniqueGroup(label), DATABASE_URL: databaseUrl };
  return { bus, retries, env };
}

describe('retry-scheduler (real process, real broker)', () => {
  const running: ServiceProcess[] = [];
  const buses: KafkaBus[] = [];
  const start = async (env: Record<string, string>) => {
    const scheduler = await startScheduler(env);
    running.push(scheduler);
    return scheduler;
  };

  beforeAll(() => Promise.all([sqlite.create(), postgresql.create()]));

  afterEach(async () => {
    await Promise.all(running.splice(0).map((scheduler) => scheduler.stop()));
    await Promise.all(buses.splice(0).map((bus) => bus.disconnect()));
  });

  afterAll(() => Promise.all([sqlite.drop(), postgresql.drop()]));

  it('releases a record not before its dueAt and soon after (lateness recorded)', async () => {
    const { bus, retries, env } = await setting('retry-timing', `${sqlite.url.replace('.sqlite', '-timing.sqlite')}`);
    buses.push(bus);
    const scheduler = await start(env);
    const base = Date.now() + 2_000;
    const records = Array.from({ length: 20 }, (_, index) => deadLetter({ dueAt: new Date(base + index * 50) }));
    await publishDeadLetters(bus, records);

    await pollUntil('all 20 were released', () => retries.length === 20, { timeoutMs: 15_000 });
    const dueAt = new Map(records.map((record) => [record.deliveryId, Date.parse(record.dueAt)]));
    const lateness = retries.map((message) => Number(message.timestamp) - (dueAt.get(message.key ?? '') ?? NaN));
    const stats = percentiles(lateness);
    console.log(`release lateness (ms, producer timestamp − dueAt): ${JSON.stringify(stats)}`);
    expect(Math.min(...lateness)).toBeGreaterThanOrEqual(0);
    expect(stats.max).toBeLessThan(1_500);
    expect(retries.every((message) => JSON.parse(message.value?.toString() ?? '{}').manual === false)).toBe(true);
    // The same timing, as the service reports it.
    const metrics = await (await fetch(`${scheduler.url}/metrics`)).text();
    expect(metrics).toContain('hookbus_retry_released_total{paced="false"} 20');
    expect(metrics).toContain('hookbus_retry_release_lateness_seconds_count{paced="false"} 20');
  }, 60_000);

  it.each([
    ['SQLite', () => sqlite.url.replace('.sqlite', '-crash.sqlite')],
    ['PostgreSQL', () => postgresql.url],
  ])('on %s, releases every record exactly once across a SIGKILL and a restart', async (label, databaseUrl) => {
    const { bus, retries, env } = await setting(`retry-crash-${label}`, databaseUrl());
    buses.push(bus);
    // A short lease: a claim the killed process held is recovered within seconds.
    const crashEnv = { ...env, RETRY_CLAIM_LEASE_MS: '2000', RETRY_SCAN_MARGIN_MS: '5000', RETRY_RELEASE_BATCH: '3' };
    const first = await start(crashEnv);
    const base = Date.now() + 3_000;
    const records = Array.from({ length: 30 }, (_, index) => deadLetter({ dueAt: new Date(base + index * 150) }));
    await publishDeadLetters(bus, records);
    await pollUntil('all 30 are stored', async () => (await pendingOf(first)).pending + retries.length >= 30 && retries.length < 30);

    await pollUntil('some were released', () => retries.length >= 5, { intervalMs: 10, timeoutMs: 15_000 });
    await first.kill();
    running.splice(running.indexOf(first), 1);
    expect(retries.length).toBeLessThan(30);

    const second = await start(crashEnv);
    await pollUntil('nothing is pending any more', async () => (await pendingOf(second)).pending === 0, { timeoutMs: 30_000 });
    expect(await retryTopicCount(bus)).toBe(30);
    await pollUntil('every retry was consumed', () => retries.length === 30);
    const counts = releasesPerDelivery(retries);
    expect(records.filter((record) => counts.get(record.deliveryId) !== 1)).toEqual([]);
  }, 90_000);

  it.each([
    ['SQLite', () => sqlite.url.replace('.sqlite', '-deferred.sqlite')],
    ['PostgreSQL', () => postgresql.url],
  ])('on %s, releases each time an attempt is put off: the put-off keeps its attempt number and still comes back', async (label, databaseUrl) => {
    const { bus, retries, env } = await setting(`retry-deferred-${label}`, databaseUrl());
    buses.push(bus);
    await start(env);
    // Attempt 1 failed, so attempt 2 is due; attempt 2 is then put off twice, as delivery-service
    // does with a released retry whose endpoint is not answering.
    let next: DeadLetterRecordV1 = deadLetter({ dueAt: new Date(), attempt: 2 });
    for (const deferrals of [undefined, 1, 2]) {
      await publishDeadLetters(bus, [next]);
      const released = await pollUntil(`the release put off ${deferrals ?? 0} times`, () => retries.length === (deferrals ?? 0) + 1 && retries[retries.length - 1]);
      const retry = retryRecordV1.parse(JSON.parse(released.value?.toString() ?? 'null'));
      expect([retry.deliveryId, retry.attempt, retry.deferrals]).toEqual([next.deliveryId, 2, deferrals]);
      next = deferred(retry, new Date());
    }
    expect(retries.map((message) => message.headers['hookbus-release-id'])).toEqual([`${next.deliveryId}:2`, `${next.deliveryId}:2:d1`, `${next.deliveryId}:2:d2`]);
  }, 60_000);

  it('quarantines a different dead letter under a released id with the reason, instead of dropping it as a redelivery', async () => {
    const { bus, retries, env } = await setting('retry-conflict', sqlite.url.replace('.sqlite', '-conflict.sqlite'));
    buses.push(bus);
    const quarantined = await collect(bus, Topics.quarantine.name);
    const scheduler = await start(env);
    const released = deadLetter({ dueAt: new Date() });
    await publishDeadLetters(bus, [released]);
    await pollUntil('the dead letter was released', async () => retries.length === 1 && (await pendingOf(scheduler)).pending === 0);

    // A redelivery is dropped, also one due at another time (the same step made again after a
    // crash); a different dead letter under the same id is kept, in quarantine.
    const replayed = { ...released, dueAt: new Date(Date.parse(released.dueAt) + 5_000).toISOString() };
    const other = { ...released, event: { ...released.event, subject: 'another-order' } };
    await publishDeadLetters(bus, [released, replayed, other]);
    const message = await pollUntil('the other dead letter is quarantined', () => quarantined[0]);
    expect(JSON.parse(message.value?.toString() ?? 'null')).toEqual(other);
    expect(message.headers[QuarantineHeaders.reason]).toBe(`ReleaseConflictError: release id ${released.deliveryId}:2 already holds another dead letter: its retry record differs`);
    expect(message.headers[QuarantineHeaders.attempts]).toBe('1');
    expect(await (await fetch(`${scheduler.url}/metrics`)).text()).toContain('hookbus_retry_release_conflicts_total 1');
    expect(quarantined).toHaveLength(1);
    expect(await retryTopicCount(bus)).toBe(1);
  }, 60_000);

  it('paces a scheduled subscription: batchSize per run, the rest waits frequencyMinutes', async () => {
    const { bus, retries, env } = await setting('retry-paced', sqlite.url.replace('.sqlite', '-paced.sqlite'));
    buses.push(bus);
    const scheduler = await start(env);
    const subscriptionId = 'sub_paced_e2e';
    const batch = { frequencyMinutes: 1, batchSize: 2 };
    // Due a little later, so all five are stored before the first run.
    const dueAt = new Date(Date.now() + 2_000);
    const records = Array.from({ length: 5 }, () => deadLetter({ dueAt, subscriptionId, batch }));
    await publishDeadLetters(bus, records);

    await pollUntil('the first run released its batch', () => retries.length === 2, { timeoutMs: 15_000 });
    const firstRunAt = Math.min(...retries.map((message) => Number(message.timestamp)));
    const view = await pollUntil('three are left for the next run', async () => {
      const current = await pendingOf(scheduler, subscriptionId);
      return current.pending === 3 ? current : undefined;
    });
    expect(view.due).toBe(3);
    expect(Math.abs(Date.parse(view.nextRunAt ?? '') - (firstRunAt + 60_000))).toBeLessThan(2_000);
    expect(await retryTopicCount(bus)).toBe(2);
  }, 60_000);

  it('two instances on one PostgreSQL database release each record exactly once', async () => {
    const { bus, retries, env } = await setting('retry-pair', postgresql.url);
    buses.push(bus);
    // Small batches and a fast loop, so the two instances contend for the same rows.
    const pairEnv = { ...env, RETRY_RELEASE_BATCH: '4', RETRY_POLL_MS: '20' };
    const [one, two] = await Promise.all([start(pairEnv), start(pairEnv)]);
    const dueAt = new Date(Date.now() + 4_000);
    const records = Array.from({ length: 60 }, () => deadLetter({ dueAt }));
    await publishDeadLetters(bus, records);

    await pollUntil('nothing is pending any more', async () => retries.length >= 60 && (await pendingOf(one)).pending === 0, { timeoutMs: 30_000 });
    expect(await retryTopicCount(bus)).toBe(60);
    const counts = releasesPerDelivery(retries);
    expect(records.filter((record) => counts.get(record.deliveryId) !== 1)).toEqual([]);
    const releasedBy = (scheduler: ServiceProcess) =>
      scheduler.logs.filter(({ message }) => (message as { message?: string }).message === 'released batch').length;
    console.log(`batches released: instance one ${releasedBy(one)}, instance two ${releasedBy(two)}`);
  }, 60_000);
});

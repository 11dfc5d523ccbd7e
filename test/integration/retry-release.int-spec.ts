import { Topics } from '@hookbus/contracts';
import type { KafkaBus } from '@hookbus/kafka';
import { type OpenDatabase, openDatabase } from '@hookbus/persistence';
import { collect, pollUntil, testBrokers, testBus, testDatabases } from '@hookbus/testing';
// The claim/release logic is retry-scheduler's own code, tested here on both real databases and the
// real broker without a process; apps publish no import path, so this spec reaches into its sources.
/* eslint-disable @nx/enforce-module-boundaries */
import { PendingReleaseStore } from '../../apps/retry-scheduler/src/intake/pending-release.store';
import { RETRY_SCHEDULER_MIGRATIONS } from '../../apps/retry-scheduler/src/migrations/0001-pending-releases';
import { type Claim, ReleaseClaims } from '../../apps/retry-scheduler/src/release/release-claims';
import type { ReleaseSettings } from '../../apps/retry-scheduler/src/release/release-settings';
import { Releaser } from '../../apps/retry-scheduler/src/release/releaser';
import { ScheduleRuns } from '../../apps/retry-scheduler/src/release/schedule-runs';
import { PendingRelease } from '../../apps/retry-scheduler/src/store/pending-release.entity';
import { RELEASE_ID_HEADER, releaseId } from '../../apps/retry-scheduler/src/store/release-id';
import { ReleaseSchedule } from '../../apps/retry-scheduler/src/store/release-schedule.entity';
/* eslint-enable @nx/enforce-module-boundaries */
import { deadLetter } from '../support/dead-letters';

const LEASE_MS = 5_000;
const settings = (): ReleaseSettings => ({
  pollMs: 50,
  batchLimit: 10,
  leaseMs: LEASE_MS,
  scanMarginMs: 5_000,
  tombstoneRetentionMs: 60_000,
  brokers: testBrokers(),
  clientId: 'retry-int-test',
});
const past = () => new Date(Date.now() - 1_000);
const later = (ms: number) => new Date(Date.now() + ms);

/** What delivery-service sees: the number of records on the retry topic (exact, from the end offsets). */
async function retryTopicCount(bus: KafkaBus): Promise<number> {
  return [...(await bus.endOffsets(Topics.retries.name)).values()].reduce((sum, offset) => sum + Number(offset), 0);
}

// A releaser that "crashes" between publish and mark: it publishes, then dies before the bookkeeping.
class CrashBeforeMark extends ReleaseClaims {
  override markReleased(): Promise<number> {
    return Promise.reject(new Error('process died before marking'));
  }
}

describe.each(testDatabases())('retry-scheduler release store on $label', (database) => {
  let db: OpenDatabase;
  let other: OpenDatabase;
  const open = () => openDatabase({ url: database.url, entities: [PendingRelease, ReleaseSchedule], migrations: RETRY_SCHEDULER_MIGRATIONS, name: 'retry-int' });

  beforeAll(async () => {
    await database.create();
    db = await open();
    // A second "instance": its own ORM and connection pool on the same database.
    other = await open();
  });

  afterAll(async () => {
    await Promise.all([db?.close(), other?.close()]);
    await database.drop();
  });

  const claimsOf = (orm: OpenDatabase) => new ReleaseClaims(orm.orm.em, settings());
  const rowsOf = (deliveryIds: string[]) => db.orm.em.fork().find(PendingRelease, { deliveryId: { $in: deliveryIds } });

  it('stores a dead letter once however often it is redelivered, and never revives a released one', async () => {
    const store = new PendingReleaseStore(db.orm.em);
    const record = deadLetter({ dueAt: past() });
    await store.store(record);
    await store.store(record);
    expect(await rowsOf([record.deliveryId])).toEqual([
      expect.objectContaining({ id: releaseId(record.deliveryId, record.attempt), releasedAt: null, dueAt: new Date(record.dueAt) }),
    ]);

    const claims = claimsOf(db);
    const claim = await claims.claim({ subscriptionId: record.subscriptionId }, 10);
    expect(claim.rows.map((row) => row.id)).toEqual([releaseId(record.deliveryId, record.attempt)]);
    expect(await claims.markReleased(claim)).toBe(1);

    await store.store(record);
    const [row] = await rowsOf([record.deliveryId]);
    expect(row.releasedAt).toBeInstanceOf(Date);
    // Released rows stay released: no later claim takes them, even long after their lease.
    expect((await claims.claim({ subscriptionId: record.subscriptionId }, 10, later(10 * LEASE_MS))).rows).toEqual([]);
  });

  it('never gives the same row to two claimers', async () => {
    const store = new PendingReleaseStore(db.orm.em);
    const subscriptionId = `sub_race_${database.label}`;
    const records = Array.from({ length: 40 }, () => deadLetter({ dueAt: past(), subscriptionId }));
    for (const record of records) await store.store(record);

    const claimers = [claimsOf(db), claimsOf(other), claimsOf(db), claimsOf(other)];
    const taken: string[][] = claimers.map(() => []);
    for (let round = 0; round < 20; round += 1) {
      const claims = await Promise.all(claimers.map((claimer) => claimer.claim({ subscriptionId }, 7)));
      claims.forEach((claim, index) => taken[index].push(...claim.rows.map((row) => row.id)));
      if (claims.every((claim) => claim.rows.length === 0)) break;
    }
    const all = taken.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(all.sort()).toEqual(records.map((record) => releaseId(record.deliveryId, record.attempt)).sort());
  });

  it('lets an expired claim be claimed again (as recovered), but not a live one', async () => {
    const record = deadLetter({ dueAt: past() });
    await new PendingReleaseStore(db.orm.em).store(record);
    const scope = { subscriptionId: record.subscriptionId };
    const first = await claimsOf(db).claim(scope, 10);
    expect(first.rows).toHaveLength(1);
    expect(first.recovered).toEqual([]);

    expect((await claimsOf(other).claim(scope, 10, later(LEASE_MS / 2))).rows).toEqual([]);
    const second = await claimsOf(other).claim(scope, 10, later(LEASE_MS + 1_000));
    expect(second.recovered.map((row) => row.id)).toEqual([releaseId(record.deliveryId, record.attempt)]);
    // The first claimer lost it: its mark does nothing, the new holder's does.
    expect(await claimsOf(db).markReleased(first)).toBe(0);
    expect(await claimsOf(other).markReleased(second)).toBe(1);
  });

  it('after a crash between publish and mark, a second releaser finds the release id on the topic and does not publish again', async () => {
    const bus = await testBus();
    try {
      const published = await collect(bus, Topics.retries.name);
      const store = new PendingReleaseStore(db.orm.em);
      const subscriptionId = `sub_crash_${database.label}`;
      const sent = deadLetter({ dueAt: past(), subscriptionId });
      const unsent = deadLetter({ dueAt: past(), subscriptionId });
      await store.store(sent);
      await store.store(unsent);
      const scope = { subscriptionId };

      // Instance A claims both, publishes only `sent` (it dies mid-way), never marks anything.
      const crashing = new Releaser(bus, new CrashBeforeMark(db.orm.em, settings()), settings());
      const claimA = await claimsOf(db).claim(scope, 10);
      const onlySent: Claim = { ...claimA, rows: claimA.rows.filter((row) => row.deliveryId === sent.deliveryId) };
      await expect(crashing.release(onlySent)).rejects.toThrow('process died before marking');
      expect(await retryTopicCount(bus)).toBe(1);

      // Instance B after the lease: recovers both; publishes only the one that never went out.
      const releaser = new Releaser(bus, claimsOf(other), settings());
      const claimB = await claimsOf(other).claim(scope, 10, later(LEASE_MS + 1_000));
      expect(claimB.recovered).toHaveLength(2);
      expect(await releaser.release(claimB)).toBe(1);

      expect(await retryTopicCount(bus)).toBe(2);
      await pollUntil('both retries were consumed', () => published.length === 2);
      expect(published.map((message) => message.headers[RELEASE_ID_HEADER]).sort()).toEqual(
        [releaseId(sent.deliveryId, sent.attempt), releaseId(unsent.deliveryId, unsent.attempt)].sort(),
      );
      expect(published.find((message) => message.key === sent.deliveryId)?.value?.toString()).toContain(`"attempt":${sent.attempt}`);
      const rows = await rowsOf([sent.deliveryId, unsent.deliveryId]);
      expect(rows.every((row) => row.releasedAt instanceof Date)).toBe(true);
    } finally {
      await bus.disconnect();
    }
  });

  it('paces a scheduled subscription: one run per frequency, at most batchSize rows, oldest due first, across instances', async () => {
    const bus = await testBus();
    try {
      const store = new PendingReleaseStore(db.orm.em);
      const subscriptionId = `sub_paced_${database.label}`;
      const batch = { frequencyMinutes: 5, batchSize: 2 };
      const records = Array.from({ length: 5 }, (_, index) => deadLetter({ dueAt: new Date(Date.now() - 10_000 + index), subscriptionId, batch }));
      for (const record of [...records].reverse()) await store.store(record);

      const runner = (orm: OpenDatabase) => {
        const claims = claimsOf(orm);
        return new ScheduleRuns(orm.orm.em, claims, new Releaser(bus, claims, settings()));
      };
      const now = new Date();
      const published = await Promise.all([runner(db).runDue(now), runner(other).runDue(now)]);
      expect(published.sort()).toEqual([0, 2]);

      const rows = await rowsOf(records.map((record) => record.deliveryId));
      const released = rows.filter((row) => row.releasedAt).map((row) => row.deliveryId);
      expect(released.sort()).toEqual(records.slice(0, 2).map((record) => record.deliveryId).sort());
      const schedule = await db.orm.em.fork().findOneOrFail(ReleaseSchedule, { subscriptionId });
      expect(schedule.nextRunAt.getTime()).toBe(now.getTime() + 5 * 60_000);
      // Not before the next run, then the next two.
      expect(await runner(db).runDue(new Date(now.getTime() + 4 * 60_000))).toBe(0);
      expect(await runner(other).runDue(new Date(now.getTime() + 5 * 60_000))).toBe(2);
      expect(await retryTopicCount(bus)).toBe(4);
    } finally {
      await bus.disconnect();
    }
  });
});

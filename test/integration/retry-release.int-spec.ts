import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { type DeadLetterRecordV1, Topics } from '@hookbus/contracts';
import type { KafkaBus } from '@hookbus/kafka';
import { MAX_IDS_PER_STATEMENT, type OpenDatabase, openDatabase } from '@hookbus/persistence';
import { collect, pollUntil, testBrokers, testBus, testDatabases } from '@hookbus/testing';
// The claim/release logic is retry-scheduler's own code, tested here on both real databases and the
// real broker without a process; apps publish no import path, so this spec reaches into its sources.
/* eslint-disable @nx/enforce-module-boundaries */
import { retryRecordOf } from '../../apps/retry-scheduler/src/intake/pending-release.rows';
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
  brokers: testBrokers(),
  clientId: 'retry-int-test',
});
const past = () => new Date(Date.now() - 1_000);
const later = (ms: number) => new Date(Date.now() + ms);

/** What delivery-service sees: the number of records on the retry topic (exact, from the end offsets). */
async function retryTopicCount(bus: KafkaBus): Promise<number> {
  return [...(await bus.endOffsets(Topics.retries.name)).values()].reduce((sum, offset) => sum + Number(offset), 0);
}

/** A test bus whose retry topic answers offset requests: just after creating it the broker may refuse them for a moment. */
async function readyBus(): Promise<KafkaBus> {
  const bus = await testBus();
  await pollUntil('the retry topic answers offset requests', async () => (await retryTopicCount(bus)) >= 0);
  return bus;
}

/** A dead letter whose event JSON could write in more than one way (escapes, non-ASCII, exponents). */
const awkward = (record: DeadLetterRecordV1): DeadLetterRecordV1 => ({
  ...record,
  event: { ...record.event, data: { note: 'café ✓ "quoted" \\ new\nline \u2028 😀 \u0001', amount: 1e21, tiny: 5e-7, list: [null, true, -0.5] } },
});

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
  /** The `record` column's text as stored (pg would parse a `json` column, so PostgreSQL casts it). */
  const storedRecordText = async (record: DeadLetterRecordV1): Promise<string> => {
    const knex = (db.orm.em as SqlEntityManager).getConnection().getKnex();
    const column = database.label === 'postgresql' ? knex.raw('record::text as record') : 'record';
    const row = await knex('pending_releases').select(column).where('id', releaseId(record.deliveryId, record.attempt)).first();
    return row.record;
  };

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
    const bus = await readyBus();
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

  it('hands out claimed rows as stored, and a re-claim keeps the first claim time', async () => {
    const subscriptionId = `sub_rows_${database.label}`;
    const batch = { frequencyMinutes: 1, batchSize: 10 };
    const records = [awkward(deadLetter({ dueAt: new Date(Date.now() - 2_000), subscriptionId, batch })), deadLetter({ dueAt: past(), subscriptionId, batch })];
    const store = new PendingReleaseStore(db.orm.em);
    for (const record of records) await store.store(record);
    const claimedAt = new Date();
    const expected = records.map((record) => ({
      id: releaseId(record.deliveryId, record.attempt),
      deliveryId: record.deliveryId,
      subscriptionId,
      dueAt: new Date(record.dueAt),
      paced: true,
      firstClaimedAt: claimedAt,
      recordJson: JSON.stringify(retryRecordOf(record)),
    }));

    const first = await claimsOf(db).claim({ subscriptionId }, 10, claimedAt);
    expect(first.rows).toEqual(expected);
    const second = await claimsOf(other).claim({ subscriptionId }, 10, new Date(claimedAt.getTime() + LEASE_MS + 1_000));
    expect(second.rows).toEqual(expected);
    expect(second.recovered).toEqual(expected);
    expect(await claimsOf(other).markReleased(second)).toBe(2);
  });

  it('publishes the stored record JSON byte for byte, released at once or after a recovered claim', async () => {
    const bus = await readyBus();
    try {
      const published = await collect(bus, Topics.retries.name);
      const store = new PendingReleaseStore(db.orm.em);
      const subscriptionId = `sub_bytes_${database.label}`;
      const direct = awkward(deadLetter({ dueAt: past(), subscriptionId }));
      await store.store(direct);
      const releaser = new Releaser(bus, claimsOf(db), settings());
      expect(await releaser.release(await claimsOf(db).claim({ subscriptionId }, 10))).toBe(1);

      // Claimed by an instance that died before publishing: recovered after the lease, then released.
      const recovered = awkward(deadLetter({ dueAt: past(), subscriptionId }));
      await store.store(recovered);
      await claimsOf(db).claim({ subscriptionId }, 10);
      const claim = await claimsOf(other).claim({ subscriptionId }, 10, later(LEASE_MS + 1_000));
      expect(claim.recovered.map((row) => row.deliveryId)).toEqual([recovered.deliveryId]);
      expect(await new Releaser(bus, claimsOf(other), settings()).release(claim)).toBe(1);

      await pollUntil('both retries were consumed', () => published.length === 2);
      for (const record of [direct, recovered]) {
        const message = published.find(({ key }) => key === record.deliveryId);
        const stored = await storedRecordText(record);
        expect(stored).toBe(JSON.stringify(retryRecordOf(record)));
        expect(message?.value?.equals(Buffer.from(stored, 'utf8'))).toBe(true);
        expect(JSON.parse(message?.value?.toString() ?? 'null')).toEqual(retryRecordOf(record));
        expect(message?.headers[RELEASE_ID_HEADER]).toBe(releaseId(record.deliveryId, record.attempt));
      }
      expect((await rowsOf([direct.deliveryId, recovered.deliveryId])).every((row) => row.releasedAt instanceof Date)).toBe(true);
    } finally {
      await bus.disconnect();
    }
  });

  it('claims and marks a run larger than one statement binds ids for', async () => {
    const subscriptionId = `sub_large_${database.label}`;
    const records = Array.from({ length: MAX_IDS_PER_STATEMENT + 5 }, () => deadLetter({ dueAt: past(), subscriptionId }));
    const store = new PendingReleaseStore(db.orm.em);
    await Promise.all(records.map((record) => store.store(record)));

    const claims = claimsOf(db);
    const claim = await claims.claim({ subscriptionId }, records.length);
    expect(new Set(claim.rows.map((row) => row.id)).size).toBe(records.length);
    expect(await claims.markReleased(claim)).toBe(records.length);
    expect(await claims.dueCount(subscriptionId)).toBe(0);
  }, 60_000);

  it('paces a scheduled subscription: one run per frequency, at most batchSize rows, oldest due first, across instances', async () => {
    const bus = await readyBus();
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

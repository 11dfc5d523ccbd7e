import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import type { DeadLetterRecordV1 } from '@hookbus/contracts';
import { type OpenDatabase, openDatabase } from '@hookbus/persistence';
import { testDatabases } from '@hookbus/testing';
// The grouped store writes plain SQL that retry-scheduler's entities must read back; tested here on
// both real databases. Apps publish no import path, so this spec reaches into its sources.
/* eslint-disable @nx/enforce-module-boundaries */
import { retryRecordOf } from '../../apps/retry-scheduler/src/intake/pending-release.rows';
import { MAX_GROUP, PendingReleaseStore } from '../../apps/retry-scheduler/src/intake/pending-release.store';
import { RETRY_SCHEDULER_MIGRATIONS } from '../../apps/retry-scheduler/src/migrations/0001-pending-releases';
import { ReleaseClaims } from '../../apps/retry-scheduler/src/release/release-claims';
import { PendingRelease } from '../../apps/retry-scheduler/src/store/pending-release.entity';
import { releaseId } from '../../apps/retry-scheduler/src/store/release-id';
import { ReleaseSchedule } from '../../apps/retry-scheduler/src/store/release-schedule.entity';
/* eslint-enable @nx/enforce-module-boundaries */
import { deadLetter, deferred } from '../support/dead-letters';

const past = () => new Date(Date.now() - 1_000);
const idOf = (record: { deliveryId: string; attempt: number }) => releaseId(record.deliveryId, record.attempt);

describe.each(testDatabases())('retry-scheduler grouped pending-release store on $label', (database) => {
  let db: OpenDatabase;
  let store: PendingReleaseStore;

  beforeAll(async () => {
    await database.create();
    db = await openDatabase({ url: database.url, entities: [PendingRelease, ReleaseSchedule], migrations: RETRY_SCHEDULER_MIGRATIONS, name: 'store-int' });
    store = new PendingReleaseStore(db.orm.em);
  });

  afterAll(async () => {
    await db?.close();
    await database.drop();
  });

  const rowsOf = (ids: string[]) => db.orm.em.fork().find(PendingRelease, { id: { $in: ids } }, { orderBy: { id: 'asc' } });
  /** Stores records submitted together and checks they went as one group, not one by one after a failed group. */
  async function storeAsOneGroup(records: readonly DeadLetterRecordV1[]): Promise<void> {
    const transactions = jest.spyOn((db.orm.em as SqlEntityManager).getConnection(), 'transactional');
    try {
      await Promise.all(records.map((record) => store.store(record)));
      expect(transactions).toHaveBeenCalledTimes(1);
    } finally {
      transactions.mockRestore();
    }
  }
  /** Like storeAsOneGroup, but some records may be refused: how each one settled. */
  async function settleAsOneGroup(records: readonly DeadLetterRecordV1[]): Promise<PromiseSettledResult<void>[]> {
    const transactions = jest.spyOn((db.orm.em as SqlEntityManager).getConnection(), 'transactional');
    try {
      const settled = await Promise.allSettled(records.map((record) => store.store(record)));
      expect(transactions).toHaveBeenCalledTimes(1);
      return settled;
    } finally {
      transactions.mockRestore();
    }
  }
  const rawRow = (table: string, key: string, value: string) => (db.orm.em as SqlEntityManager).getConnection().getKnex()(table).where(key, value).first();

  it('stores values exactly as MikroORM does, so the entities read them back unchanged', async () => {
    const now = new Date('2026-03-01T12:00:00.123Z');
    const record = deadLetter({ dueAt: new Date('2026-03-01T12:05:00.456Z'), batch: { frequencyMinutes: 5, batchSize: 3 } });
    await store.store(record, now);
    const viaOrm = { ...record, deliveryId: `${record.deliveryId}-orm` };
    const em = db.orm.em.fork();
    await em.insert(PendingRelease, {
      id: idOf(viaOrm),
      deliveryId: viaOrm.deliveryId,
      subscriptionId: viaOrm.subscriptionId,
      tenantId: viaOrm.tenantId,
      attempt: viaOrm.attempt,
      dueAt: new Date(viaOrm.dueAt),
      paced: true,
      record: retryRecordOf(record),
      createdAt: now,
    });

    const ours = await rawRow('pending_releases', 'id', idOf(record));
    const theirs = await rawRow('pending_releases', 'id', idOf(viaOrm));
    expect({ ...ours, id: undefined, delivery_id: undefined }).toEqual({ ...theirs, id: undefined, delivery_id: undefined });
    expect(await rowsOf([idOf(record)])).toEqual([
      expect.objectContaining({ dueAt: new Date(record.dueAt), createdAt: now, paced: true, record: retryRecordOf(record), releasedAt: null, claimToken: null }),
    ]);
    expect(await db.orm.em.fork().findOneOrFail(ReleaseSchedule, { subscriptionId: record.subscriptionId })).toMatchObject({
      frequencyMinutes: 5,
      batchSize: 3,
      nextRunAt: now,
      updatedAt: now,
    });
  });

  it('stores a group with redeliveries in it once, and leaves a released tombstone released', async () => {
    const released = deadLetter({ dueAt: past() });
    await store.store(released);
    const claims = new ReleaseClaims(db.orm.em, { leaseMs: 5_000 });
    expect(await claims.markReleased(await claims.claim({ subscriptionId: released.subscriptionId }, 10))).toBe(1);

    const fresh = deadLetter({ dueAt: past() });
    await storeAsOneGroup([fresh, released, fresh, released]);

    const rows = await rowsOf([idOf(fresh), idOf(released)]);
    expect(rows).toHaveLength(2);
    expect(rows.find((row) => row.id === idOf(released))?.releasedAt).toBeInstanceOf(Date);
    expect(rows.find((row) => row.id === idOf(fresh))?.releasedAt).toBeNull();
  });

  it('stores each time an attempt is put off as a release of its own, after the previous one was released', async () => {
    const claims = new ReleaseClaims(db.orm.em, { leaseMs: 5_000 });
    const failed = deadLetter({ dueAt: past(), attempt: 2 });
    const releases: string[] = [];
    let next: DeadLetterRecordV1 = failed;
    for (let round = 0; round < 3; round += 1) {
      await store.store(next);
      const claim = await claims.claim({ subscriptionId: failed.subscriptionId }, 10);
      expect(claim.rows).toHaveLength(1);
      expect(await claims.markReleased(claim)).toBe(1);
      releases.push(claim.rows[0].id);
      next = deferred(JSON.parse(claim.rows[0].recordJson), past());
    }
    expect(releases).toEqual([`${failed.deliveryId}:2`, `${failed.deliveryId}:2:d1`, `${failed.deliveryId}:2:d2`]);
  });

  it('drops the same dead letter due at another time under a released id (a step made twice after a crash), keeping the released row', async () => {
    const released = deadLetter({ dueAt: past() });
    await store.store(released);
    const claims = new ReleaseClaims(db.orm.em, { leaseMs: 5_000 });
    expect(await claims.markReleased(await claims.claim({ subscriptionId: released.subscriptionId }, 10))).toBe(1);
    const [before] = await rowsOf([idOf(released)]);

    // delivery-service handled the released retry again after a crash and made the same step later:
    // the release that went out carries the delivery on, so this one adds nothing.
    const replayed = { ...released, dueAt: new Date(Date.parse(released.dueAt) + 5_000).toISOString(), reason: 'endpoint_busy' };
    const fresh = deadLetter({ dueAt: past() });
    await storeAsOneGroup([fresh, replayed, released]);

    expect(await rowsOf([idOf(released)])).toEqual([expect.objectContaining({ dueAt: before.dueAt, releasedAt: before.releasedAt, record: before.record })]);
    expect(await rowsOf([idOf(fresh)])).toEqual([expect.objectContaining({ releasedAt: null })]);
  });

  it('refuses a dead letter whose record differs from the one held under its id, stored before or earlier in its group', async () => {
    const stored = deadLetter({ dueAt: past() });
    await store.store(stored);
    const inGroup = deadLetter({ dueAt: past() });
    const otherEvent = (record: DeadLetterRecordV1) => ({ ...record, event: { ...record.event, data: { orderId: 2 } } });

    const settled = await settleAsOneGroup([otherEvent(stored), inGroup, otherEvent(inGroup), inGroup]);

    expect(settled.map(({ status }) => status)).toEqual(['rejected', 'fulfilled', 'rejected', 'fulfilled']);
    for (const index of [0, 2]) {
      expect((settled[index] as PromiseRejectedResult).reason).toMatchObject({ name: 'ReleaseConflictError', message: expect.stringContaining('its retry record differs') });
    }
    expect((await rowsOf([idOf(stored)]))[0].record).toEqual(retryRecordOf(stored));
    expect((await rowsOf([idOf(inGroup)]))[0].record).toEqual(retryRecordOf(inGroup));
  });

  it('keeps a pending row when the same attempt comes again due at another time (made twice): its release stands for both', async () => {
    const first = deadLetter({ dueAt: new Date(Date.now() + 60_000) });
    await store.store(first);
    await store.store({ ...first, dueAt: new Date(Date.now() + 65_000).toISOString() });

    expect(await rowsOf([idOf(first)])).toEqual([expect.objectContaining({ dueAt: new Date(first.dueAt), releasedAt: null })]);
  });

  it('upserts one schedule per subscription in a group: the last settings win, an existing next run stands', async () => {
    const subscriptionId = `sub_sched_${database.label}`;
    const taken = new Date(Date.now() + 60 * 60_000);
    await store.store(deadLetter({ dueAt: past(), subscriptionId, batch: { frequencyMinutes: 1, batchSize: 1 } }));
    await db.orm.em.fork().nativeUpdate(ReleaseSchedule, { subscriptionId }, { nextRunAt: taken });

    const other = `sub_other_${database.label}`;
    const group = [
      deadLetter({ dueAt: past(), subscriptionId, batch: { frequencyMinutes: 2, batchSize: 20 } }),
      deadLetter({ dueAt: past(), subscriptionId: other, batch: { frequencyMinutes: 7, batchSize: 70 } }),
      deadLetter({ dueAt: past(), subscriptionId, batch: { frequencyMinutes: 3, batchSize: 30 } }),
      deadLetter({ dueAt: past(), subscriptionId: other, batch: { frequencyMinutes: 8, batchSize: 80 } }),
    ];
    await storeAsOneGroup(group);

    const schedules = await db.orm.em.fork().find(ReleaseSchedule, { subscriptionId: { $in: [subscriptionId, other] } }, { orderBy: { subscriptionId: 'asc' } });
    expect(schedules).toEqual([
      expect.objectContaining({ subscriptionId: other, frequencyMinutes: 8, batchSize: 80 }),
      expect.objectContaining({ subscriptionId, frequencyMinutes: 3, batchSize: 30, nextRunAt: taken }),
    ]);
    expect(await rowsOf(group.map(idOf))).toHaveLength(4);
  });

  it('lets the release loop read while groups are written (SQLite: one shared connection), and it sees whole groups only', async () => {
    const subscriptionId = `sub_busy_${database.label}`;
    const claims = new ReleaseClaims(db.orm.em, { leaseMs: 5_000 });
    const records = Array.from({ length: MAX_GROUP + 100 }, () => deadLetter({ dueAt: past(), subscriptionId }));
    const stored = Promise.all(records.map((record) => store.store(record)));
    const counts: number[] = [];
    for (let round = 0; round < 5; round += 1) counts.push(await claims.dueCount(subscriptionId));
    await stored;
    expect(counts.filter((count) => ![0, MAX_GROUP, records.length].includes(count))).toEqual([]);
    expect(await claims.dueCount(subscriptionId)).toBe(records.length);  });
});

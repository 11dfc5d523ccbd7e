import { BatchedPruner, type OpenDatabase, openDatabase } from '@hookbus/persistence';
import { testDatabases } from '@hookbus/testing';
// Retention of retry-scheduler's schedule rows on both real databases, with the real store writing
// while it prunes. Apps publish no import path, so this spec reaches into its sources.
/* eslint-disable @nx/enforce-module-boundaries */
import { PendingReleaseStore } from '../../apps/retry-scheduler/src/intake/pending-release.store';
import { RETRY_SCHEDULER_MIGRATIONS } from '../../apps/retry-scheduler/src/migrations/0001-pending-releases';
import { SchedulePruning } from '../../apps/retry-scheduler/src/release/schedule-pruning';
import { TombstonePruning } from '../../apps/retry-scheduler/src/release/tombstone-pruning';
import { PendingRelease } from '../../apps/retry-scheduler/src/store/pending-release.entity';
import { ReleaseSchedule } from '../../apps/retry-scheduler/src/store/release-schedule.entity';
/* eslint-enable @nx/enforce-module-boundaries */
import { deadLetter } from '../support/dead-letters';
import { pruneWhileWriting } from '../support/prune-while-writing';

const DAY_MS = 86_400_000;
const NOW = new Date();
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY_MS);
const batch = { frequencyMinutes: 60, batchSize: 10 };
const IDLE = 120;

describe.each(testDatabases())('retry-scheduler schedule and tombstone retention on $label', (database) => {
  let db: OpenDatabase;
  let store: PendingReleaseStore;

  beforeAll(async () => {
    await database.create();
    db = await openDatabase({ url: database.url, entities: [PendingRelease, ReleaseSchedule], migrations: RETRY_SCHEDULER_MIGRATIONS, name: 'schedule-retention' });
    store = new PendingReleaseStore(db.orm.em);
  });
  afterAll(async () => {
    await db?.close();
    await database.drop();
  });

  const paced = (subscriptionId: string, at: Date, dueAt = at) => store.store(deadLetter({ subscriptionId, dueAt, batch }), at);
  const schedules = async () => new Map((await db.orm.em.fork().find(ReleaseSchedule, {})).map((row) => [row.subscriptionId, row]));

  it('deletes idle schedules with nothing held in bounded batches, keeps live ones and their pacing, while dead letters are stored', async () => {
    // Subscriptions (deleted or quiet) whose last dead letter came 20 days ago and was released since.
    await Promise.all(Array.from({ length: IDLE }, (_, i) => paced(`sub_idle${i}`, daysAgo(20))));
    // As old, but one of its records is still held (due later): its pacing must stay.
    await paced('sub_held', daysAgo(20), new Date(NOW.getTime() + DAY_MS));
    await db.orm.em.fork().nativeUpdate(PendingRelease, { subscriptionId: { $ne: 'sub_held' } }, { releasedAt: daysAgo(19) });
    // Live: a dead letter today, and a run taken an hour ago.
    await paced('sub_live', NOW);
    await db.orm.em.fork().nativeUpdate(ReleaseSchedule, { subscriptionId: 'sub_live' }, { nextRunAt: new Date(NOW.getTime() + 3_600_000) });
    const livePacing = (await schedules()).get('sub_live')?.nextRunAt;

    const pruning = new SchedulePruning(db.orm.em);
    const race = await pruneWhileWriting(
      // The store lingers a quarter second for company: pauses long enough for its groups to land.
      { name: 'idle schedules', retentionMs: 15 * DAY_MS, now: () => NOW, batchSize: 25, pauseMs: 300, prune: (before, limit) => pruning.pruneBatch(before, limit) },
      (n) => paced(`sub_new${n}`, NOW),
      3,
    );

    expect(race.pruned).toBe(IDLE);
    expect(race.batches.every((deleted) => deleted <= 25)).toBe(true);
    expect(race.interleaved).toBe(true);
    const left = await schedules();
    expect([...left.keys()].filter((id) => id.startsWith('sub_idle'))).toEqual([]);
    expect(left.has('sub_held')).toBe(true);
    expect(left.get('sub_live')?.nextRunAt).toEqual(livePacing);
    expect([...left.keys()].filter((id) => id.startsWith('sub_new'))).toHaveLength(race.writes);
  });

  it('writes a pruned subscription’s schedule again with its next dead letter, runnable at once', async () => {
    await paced('sub_back', daysAgo(20));
    await db.orm.em.fork().nativeUpdate(PendingRelease, { subscriptionId: 'sub_back' }, { releasedAt: daysAgo(19) });
    expect(await new SchedulePruning(db.orm.em).pruneBatch(daysAgo(15), 10)).toBe(1);
    await paced('sub_back', NOW);
    expect((await schedules()).get('sub_back')).toMatchObject({ frequencyMinutes: 60, batchSize: 10, nextRunAt: NOW });
  });

  it('deletes tombstones released before the cutoff in bounded batches, never a held record', async () => {
    await Promise.all(Array.from({ length: 30 }, (_, i) => paced(`sub_tomb${i}`, daysAgo(20))));
    await paced('sub_tomb_held', daysAgo(20));
    await db.orm.em.fork().nativeUpdate(PendingRelease, { subscriptionId: { $like: 'sub_tomb%' }, $not: { subscriptionId: 'sub_tomb_held' } }, { releasedAt: daysAgo(16) });
    const heldBefore = await db.orm.em.fork().count(PendingRelease, { releasedAt: null });
    const batches: number[] = [];
    const pruning = new TombstonePruning(db.orm.em);
    const prune = async (before: Date, limit: number) => {
      const deleted = await pruning.pruneBatch(before, limit);
      batches.push(deleted);
      return deleted;
    };
    // The earlier cases' records were released 19 days ago: tombstones too, with these 30.
    expect(await new BatchedPruner({ name: 'released tombstones', retentionMs: 15 * DAY_MS, now: () => NOW, batchSize: 8, pauseMs: 0, prune }).pruneAll()).toBeGreaterThanOrEqual(30);
    expect(batches.every((deleted) => deleted <= 8)).toBe(true);
    expect(await db.orm.em.fork().count(PendingRelease, { releasedAt: { $ne: null, $lt: daysAgo(15) } })).toBe(0);
    expect(await db.orm.em.fork().count(PendingRelease, { releasedAt: null })).toBe(heldBefore);
    expect((await db.orm.em.fork().find(PendingRelease, { subscriptionId: { $like: 'sub_tomb%' } })).map((row) => row.subscriptionId)).toEqual(['sub_tomb_held']);
  });
});

import { type OpenDatabase, openDatabase } from '@hookbus/persistence';
import { RETRY_SCHEDULER_MIGRATIONS } from '../migrations/0001-pending-releases';
import { PendingRelease } from '../store/pending-release.entity';
import { ReleaseSchedule } from '../store/release-schedule.entity';
import { SchedulePruning } from './schedule-pruning';

const CUTOFF = new Date('2026-06-01T00:00:00.000Z');
const before = (hours: number) => new Date(CUTOFF.getTime() - hours * 3_600_000);
const after = (hours: number) => new Date(CUTOFF.getTime() + hours * 3_600_000);

describe('SchedulePruning (the retention rule) on SQLite', () => {
  let db: OpenDatabase;
  let pruning: SchedulePruning;

  beforeEach(async () => {
    db = await openDatabase({ url: ':memory:', entities: [PendingRelease, ReleaseSchedule], migrations: RETRY_SCHEDULER_MIGRATIONS });
    pruning = new SchedulePruning(db.orm.em);
  });
  afterEach(() => db.close());

  async function schedule(subscriptionId: string, updatedAt: Date, nextRunAt: Date): Promise<void> {
    const em = db.orm.em.fork();
    em.create(ReleaseSchedule, { subscriptionId, frequencyMinutes: 60, batchSize: 10, updatedAt, nextRunAt });
    await em.flush();
  }
  async function held(subscriptionId: string, releasedAt: Date | null): Promise<void> {
    const em = db.orm.em.fork();
    const record = {} as PendingRelease['record'];
    em.create(PendingRelease, { id: `${subscriptionId}:1`, deliveryId: 'dlv', subscriptionId, tenantId: 't', attempt: 1, dueAt: before(30), paced: true, record, releasedAt });
    await em.flush();
  }
  const left = async () => (await db.orm.em.fork().find(ReleaseSchedule, {}, { orderBy: { subscriptionId: 'asc' } })).map((row) => row.subscriptionId);

  it('deletes a schedule idle since the cutoff with nothing held, and no other', async () => {
    await schedule('idle', before(48), before(47));
    await schedule('idle-released', before(48), before(47));
    await held('idle-released', before(40));
    await schedule('still-holding', before(48), before(47));
    await held('still-holding', null);
    await schedule('recent-dead-letter', after(1), before(47));
    await schedule('next-run-later', before(48), after(1));

    expect(await pruning.pruneBatch(CUTOFF, 100)).toBe(2);
    expect(await left()).toEqual(['next-run-later', 'recent-dead-letter', 'still-holding']);
  });

  it('deletes at most `limit` schedules a batch', async () => {
    for (let i = 0; i < 3; i += 1) await schedule(`idle-${i}`, before(48 + i), before(47));
    expect(await pruning.pruneBatch(CUTOFF, 2)).toBe(2);
    expect(await left()).toEqual(['idle-0']);
    expect(await pruning.pruneBatch(CUTOFF, 2)).toBe(1);
  });
});

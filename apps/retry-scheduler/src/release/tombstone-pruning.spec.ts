import { type OpenDatabase, openDatabase } from '@hookbus/persistence';
import { RETRY_SCHEDULER_MIGRATIONS } from '../migrations/0001-pending-releases';
import { PendingRelease } from '../store/pending-release.entity';
import { ReleaseSchedule } from '../store/release-schedule.entity';
import { TombstonePruning } from './tombstone-pruning';

const CUTOFF = new Date('2026-06-01T00:00:00.000Z');
const before = (hours: number) => new Date(CUTOFF.getTime() - hours * 3_600_000);
const after = (hours: number) => new Date(CUTOFF.getTime() + hours * 3_600_000);

describe('TombstonePruning (the retention rule) on SQLite', () => {
  let db: OpenDatabase;
  let pruning: TombstonePruning;

  beforeEach(async () => {
    db = await openDatabase({ url: ':memory:', entities: [PendingRelease, ReleaseSchedule], migrations: RETRY_SCHEDULER_MIGRATIONS });
    pruning = new TombstonePruning(db.orm.em);
  });
  afterEach(() => db.close());

  async function row(id: string, releasedAt: Date | null, dueAt = before(100)): Promise<void> {
    const em = db.orm.em.fork();
    const record = {} as PendingRelease['record'];
    em.create(PendingRelease, { id, deliveryId: 'dlv', subscriptionId: 's', tenantId: 't', attempt: 1, dueAt, paced: false, record, releasedAt, createdAt: before(200) });
    await em.flush();
  }
  const left = async () => (await db.orm.em.fork().find(PendingRelease, {}, { orderBy: { id: 'asc' } })).map((r) => r.id);

  it('deletes rows released before the cutoff, oldest first and at most `limit`; never a held one', async () => {
    await row('released-1', before(3));
    await row('released-2', before(2));
    await row('released-3', before(1));
    await row('released-recently', after(1));
    await row('held-long', null);

    expect(await pruning.pruneBatch(CUTOFF, 2)).toBe(2);
    expect(await left()).toEqual(['held-long', 'released-3', 'released-recently']);
    expect(await pruning.pruneBatch(CUTOFF, 2)).toBe(1);
    expect(await pruning.pruneBatch(CUTOFF, 2)).toBe(0);
    expect(await left()).toEqual(['held-long', 'released-recently']);
  });
});

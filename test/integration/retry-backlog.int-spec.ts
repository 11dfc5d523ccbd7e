import { type OpenDatabase, openDatabase } from '@hookbus/persistence';
import { testDatabases } from '@hookbus/testing';
// hookbus_retry_pending's statement on both real databases. Apps publish no import path, so this
// spec reaches into its sources.
/* eslint-disable @nx/enforce-module-boundaries */
import { RETRY_SCHEDULER_MIGRATIONS } from '../../apps/retry-scheduler/src/migrations/0001-pending-releases';
import { RetryBacklogMetrics } from '../../apps/retry-scheduler/src/ops/retry-backlog.metrics';
import { PendingRelease } from '../../apps/retry-scheduler/src/store/pending-release.entity';
import { ReleaseSchedule } from '../../apps/retry-scheduler/src/store/release-schedule.entity';
/* eslint-enable @nx/enforce-module-boundaries */

const NOW = new Date('2026-06-01T12:00:00.000Z');
const fromNow = (seconds: number) => new Date(NOW.getTime() + seconds * 1_000);

describe.each(testDatabases())('retry-scheduler backlog by due time on $label', (database) => {
  let db: OpenDatabase;

  beforeAll(async () => {
    await database.create();
    db = await openDatabase({ url: database.url, entities: [PendingRelease, ReleaseSchedule], migrations: RETRY_SCHEDULER_MIGRATIONS, name: 'retry-backlog' });
  });
  afterAll(async () => {
    await db?.close();
    await database.drop();
  });

  it('counts the unreleased retries by how soon they are due, in one statement', async () => {
    const em = db.orm.em.fork();
    const held = (id: string, dueAt: Date, releasedAt: Date | null = null) =>
      em.create(PendingRelease, { id, deliveryId: 'dlv', subscriptionId: 's', tenantId: 't', attempt: 1, dueAt, paced: id.startsWith('paced'), record: {} as PendingRelease['record'], releasedAt });
    held('late', fromNow(-3_600));
    held('paced-due-now', NOW);
    held('in-a-minute', fromNow(60));
    held('in-61s', fromNow(61));
    held('paced-in-an-hour', fromNow(3_600));
    held('tomorrow', fromNow(86_400));
    held('released', fromNow(-60), fromNow(-30));
    await em.flush();

    expect(await new RetryBacklogMetrics(db.orm.em).byDueTime(NOW)).toEqual({ overdue: 2, next_minute: 1, next_hour: 2, later: 1 });
  });
});

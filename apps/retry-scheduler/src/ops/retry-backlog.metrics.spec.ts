import { metricsRegistry } from '@hookbus/platform';
import { type OpenDatabase, openDatabase } from '@hookbus/persistence';
import { RETRY_SCHEDULER_MIGRATIONS } from '../migrations/0001-pending-releases';
import { PendingRelease } from '../store/pending-release.entity';
import { ReleaseSchedule } from '../store/release-schedule.entity';
import { RetryBacklogMetrics } from './retry-backlog.metrics';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const SECOND = 1_000;
const fromNow = (ms: number, now = NOW) => new Date(now.getTime() + ms);

describe('RetryBacklogMetrics (hookbus_retry_pending) on SQLite', () => {
  let db: OpenDatabase;
  let backlog: RetryBacklogMetrics;

  beforeAll(async () => {
    db = await openDatabase({ url: ':memory:', entities: [PendingRelease, ReleaseSchedule], migrations: RETRY_SCHEDULER_MIGRATIONS });
    backlog = new RetryBacklogMetrics(db.orm.em);
  });
  afterAll(() => db.close());
  beforeEach(() => db.orm.em.fork().nativeDelete(PendingRelease, {}));

  async function held(id: string, dueAt: Date, releasedAt: Date | null = null): Promise<void> {
    const em = db.orm.em.fork();
    em.create(PendingRelease, { id, deliveryId: 'dlv', subscriptionId: 's', tenantId: 't', attempt: 1, dueAt, paced: false, record: {} as PendingRelease['record'], releasedAt });
    await em.flush();
  }

  it('counts the unreleased retries by how soon they are due, each bound inclusive; released ones never', async () => {
    await held('late', fromNow(-3_600 * SECOND));
    await held('due-now', NOW);
    await held('in-a-minute', fromNow(60 * SECOND));
    await held('in-61s', fromNow(61 * SECOND));
    await held('in-an-hour', fromNow(3_600 * SECOND));
    await held('tomorrow', fromNow(86_400 * SECOND));
    await held('released', fromNow(-60 * SECOND), fromNow(-30 * SECOND));

    expect(await backlog.byDueTime(NOW)).toEqual({ overdue: 2, next_minute: 1, next_hour: 2, later: 1 });
  });

  it('gives every due time a sample on scrape, 0 included', async () => {
    await held('late', fromNow(-60 * SECOND, new Date()));

    const lines = (await metricsRegistry.metrics()).split('\n').filter((line) => line.startsWith('hookbus_retry_pending{'));
    expect(lines).toEqual([
      'hookbus_retry_pending{due="overdue"} 1',
      'hookbus_retry_pending{due="next_minute"} 0',
      'hookbus_retry_pending{due="next_hour"} 0',
      'hookbus_retry_pending{due="later"} 0',
    ]);
  });

  it('leaves the samples out, not 0, while the database does not answer', async () => {
    // Last of the suite: it closes the database.
    await db.close();

    const scrape = await metricsRegistry.metrics();
    expect(scrape).toContain('# TYPE hookbus_retry_pending gauge');
    expect(scrape.split('\n').filter((line) => line.startsWith('hookbus_retry_pending{'))).toEqual([]);
  });
});

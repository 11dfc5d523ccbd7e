import { type OpenDatabase, openDatabase } from '@hookbus/persistence';
import { metricsRegistry } from '@hookbus/platform';
import { NOTIFIER_MIGRATIONS } from '../migrations/0001-notifier';
import { NOTIFIER_ENTITIES } from '../notifier-entities';
import { AwaitingDigestMetrics } from './awaiting-digest.metrics';
import { NotificationWindow, type WindowState } from './notification-window.entity';

const NOW = new Date('2026-06-01T12:00:00.000Z');

describe('AwaitingDigestMetrics (hookbus_notifier_notifications_awaiting_digest) on SQLite', () => {
  let db: OpenDatabase;
  let metrics: AwaitingDigestMetrics;

  beforeAll(async () => {
    db = await openDatabase({ url: ':memory:', entities: NOTIFIER_ENTITIES, migrations: NOTIFIER_MIGRATIONS });
    metrics = new AwaitingDigestMetrics(db.orm.em);
  });
  afterAll(() => db.close());

  async function window(id: string, state: WindowState, suppressedCount: number): Promise<void> {
    const em = db.orm.em.fork();
    em.create(NotificationWindow, { id, tenantId: 't', subscriptionId: id, startsAt: NOW, endsAt: NOW, sentCount: 3, suppressedCount, state, claimedAt: null, digestedAt: null });
    await em.flush();
  }
  const scraped = async () => (await metricsRegistry.metrics()).split('\n').filter((line) => line.startsWith('hookbus_notifier_notifications_awaiting_digest '));

  it('is 0 with no storm window', async () => {
    expect(await metrics.awaitingDigest()).toBe(0);
    expect(await scraped()).toEqual(['hookbus_notifier_notifications_awaiting_digest 0']);
  });

  it('sums what open windows and digests under way hold back; a closed window holds nothing', async () => {
    await window('w-open', 'open', 4);
    await window('w-digesting', 'digesting', 2);
    await window('w-closed', 'closed', 9);

    expect(await metrics.awaitingDigest()).toBe(6);
    expect(await scraped()).toEqual(['hookbus_notifier_notifications_awaiting_digest 6']);
  });

  it('leaves the sample out, not 0, while the database does not answer', async () => {
    // Last of the suite: it closes the database.
    await db.close();

    const scrape = await metricsRegistry.metrics();
    expect(scrape).toContain('# TYPE hookbus_notifier_notifications_awaiting_digest gauge');
    expect(await scraped()).toEqual([]);
  });
});

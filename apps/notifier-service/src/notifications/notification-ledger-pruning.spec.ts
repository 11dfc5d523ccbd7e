import { type OpenDatabase, openDatabase } from '@hookbus/persistence';
import { NOTIFIER_MIGRATIONS } from '../migrations/0001-notifier';
import { NOTIFIER_ENTITIES } from '../notifier-entities';
import { NotificationWindow, type WindowState } from '../storm/notification-window.entity';
import { NotificationLedgerPruning } from './notification-ledger-pruning';
import { SentNotification, type SentNotificationState } from './sent-notification.entity';

const CUTOFF = new Date('2026-06-01T00:00:00.000Z');
const before = (hours: number) => new Date(CUTOFF.getTime() - hours * 3_600_000);
const after = (hours: number) => new Date(CUTOFF.getTime() + hours * 3_600_000);

describe('NotificationLedgerPruning (the retention rule) on SQLite', () => {
  let db: OpenDatabase;
  let pruning: NotificationLedgerPruning;

  beforeEach(async () => {
    db = await openDatabase({ url: ':memory:', entities: NOTIFIER_ENTITIES, migrations: NOTIFIER_MIGRATIONS });
    pruning = new NotificationLedgerPruning(db.orm.em);
  });
  afterEach(() => db.close());

  async function window(id: string, state: WindowState, endsAt: Date): Promise<void> {
    const em = db.orm.em.fork();
    em.create(NotificationWindow, { id, tenantId: 't', subscriptionId: id, startsAt: before(100), endsAt, sentCount: 1, suppressedCount: 1, state, claimedAt: null, digestedAt: null });
    await em.flush();
  }
  async function row(id: string, state: SentNotificationState, createdAt: Date, windowId: string | null = null): Promise<void> {
    const em = db.orm.em.fork();
    const record = { id } as SentNotification['record'];
    em.create(SentNotification, { id, tenantId: 't', subscriptionId: 's', type: 'delivery.failed', state, windowId, record, createdAt, sentAt: null });
    await em.flush();
  }
  const left = async () => ({
    rows: (await db.orm.em.fork().find(SentNotification, {}, { orderBy: { id: 'asc' } })).map((r) => r.id),
    windows: (await db.orm.em.fork().find(NotificationWindow, {}, { orderBy: { id: 'asc' } })).map((w) => w.id),
  });

  it('deletes rows handled before the cutoff and closed windows ended before it; keeps what a pending digest lists', async () => {
    await window('w-closed', 'closed', before(10));
    await window('w-closed-late', 'closed', after(1));
    await window('w-open', 'open', before(10));
    await window('w-digesting', 'digesting', before(10));
    await row('sent-old', 'sent', before(5), 'w-closed');
    await row('exempt-old', 'sent', before(5));
    await row('unconfirmed-old', 'sending', before(5));
    await row('suppressed-open', 'suppressed', before(20), 'w-open');
    await row('suppressed-digesting', 'suppressed', before(20), 'w-digesting');
    await row('sent-new', 'sent', after(1), 'w-closed-late');

    expect(await pruning.pruneBatch(CUTOFF, 100)).toBe(4);
    expect(await left()).toEqual({
      rows: ['sent-new', 'suppressed-digesting', 'suppressed-open'],
      windows: ['w-closed-late', 'w-digesting', 'w-open'],
    });
  });

  it('deletes at most `limit` rows a batch, ledger rows first', async () => {
    await window('w-closed', 'closed', before(10));
    for (let i = 0; i < 3; i += 1) await row(`old-${i}`, 'sent', before(5 + i), 'w-closed');

    expect(await pruning.pruneBatch(CUTOFF, 2)).toBe(2);
    expect(await left()).toEqual({ rows: ['old-0'], windows: ['w-closed'] });
    expect(await pruning.pruneBatch(CUTOFF, 2)).toBe(2);
    expect(await pruning.pruneBatch(CUTOFF, 2)).toBe(0);
  });
});

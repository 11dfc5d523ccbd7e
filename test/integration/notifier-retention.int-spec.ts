import type { NotificationRecordV1 } from '@hookbus/contracts';
import { type OpenDatabase, openDatabase } from '@hookbus/persistence';
import { testDatabases } from '@hookbus/testing';
// Retention of notifier-service's ledger on both real databases. Apps publish no import path, so
// this spec reaches into the app's sources directly.
/* eslint-disable @nx/enforce-module-boundaries */
import { NOTIFIER_MIGRATIONS } from '../../apps/notifier-service/src/migrations/0001-notifier';
import { NotificationLedger } from '../../apps/notifier-service/src/notifications/notification-ledger';
import { NotificationLedgerPruning } from '../../apps/notifier-service/src/notifications/notification-ledger-pruning';
import { SentNotification } from '../../apps/notifier-service/src/notifications/sent-notification.entity';
import { NOTIFIER_ENTITIES } from '../../apps/notifier-service/src/notifier-entities';
import { DigestLedger } from '../../apps/notifier-service/src/storm/digest-ledger';
import { NotificationWindow } from '../../apps/notifier-service/src/storm/notification-window.entity';
/* eslint-enable @nx/enforce-module-boundaries */
import { pruneWhileWriting } from '../support/prune-while-writing';

const DAY_MS = 86_400_000;
const RETENTION_MS = 30 * DAY_MS;
const policy = { maxPerWindow: 2, windowSeconds: 3600 };
const NOW = new Date('2026-06-30T12:00:00.000Z');
const daysAgo = (days: number, plusSeconds = 0) => new Date(NOW.getTime() - days * DAY_MS + plusSeconds * 1000);

const notification = (id: string, subscriptionId: string): NotificationRecordV1 => ({
  id,
  type: 'delivery.failed',
  tenantId: 'ten_1',
  subscriptionId,
  plugin: 'komet',
  hook: 'order-confirmation',
  url: 'https://erp.example.com/confirm',
  recipients: ['ops@example.com'],
  deliveryId: id.split(':')[0],
  subject: '7001',
  reason: 'rejected',
  at: NOW.toISOString(),
});

describe.each(testDatabases())('notifier ledger retention on $label', (database) => {
  let db: OpenDatabase;
  let ledger: NotificationLedger;

  beforeAll(async () => {
    await database.create();
    db = await openDatabase({ url: database.url, entities: NOTIFIER_ENTITIES, migrations: NOTIFIER_MIGRATIONS, name: 'notifier-retention' });
    ledger = new NotificationLedger(db.orm.em);
  });
  afterAll(async () => {
    await db?.close();
    await database.drop();
  });

  const ids = async () => (await db.orm.em.fork().find(SentNotification, {}, { orderBy: { id: 'asc' } })).map((row) => row.id);
  const windowStates = async () => (await db.orm.em.fork().find(NotificationWindow, {}, { orderBy: { id: 'asc' } })).map((row) => `${row.subscriptionId}:${row.state}`);

  it('prunes old ledger rows and closed windows in bounded batches, keeps recent ones and a pending digest, while claims go on', async () => {
    // 150 old notifications over 30 subscriptions, sent and digested long ago.
    for (let i = 0; i < 150; i += 1) await ledger.claim(notification(`dlv_old${i}:1:delivery.failed`, `sub_old${i % 30}`), policy, daysAgo(40, i));
    const digests = new DigestLedger(db.orm.em);
    for (let due = await digests.claimDue(daysAgo(39), 20); due.length > 0; due = await digests.claimDue(daysAgo(39), 20)) {
      for (const { window } of due) await digests.markDigested(window.id, daysAgo(39));
    }
    // An old storm whose digest is still to go out (say SMTP was down): its suppressed rows stay.
    for (let i = 0; i < 3; i += 1) await ledger.claim(notification(`dlv_storm${i}:1:delivery.failed`, 'sub_storm'), policy, daysAgo(31, i));
    await db.orm.em.fork().nativeUpdate(NotificationWindow, { subscriptionId: 'sub_storm' }, { state: 'digesting' });
    // Within the retention.
    await ledger.claim(notification('dlv_recent:1:delivery.failed', 'sub_recent'), policy, daysAgo(29));
    await ledger.markSent('dlv_recent:1:delivery.failed', daysAgo(29));

    const pruning = new NotificationLedgerPruning(db.orm.em);
    const race = await pruneWhileWriting(
      { name: 'notification ledger', retentionMs: RETENTION_MS, now: () => NOW, batchSize: 40, pauseMs: 5, prune: (before, limit) => pruning.pruneBatch(before, limit) },
      async (n) => expect(await ledger.claim(notification(`dlv_new${n}:1:delivery.failed`, `sub_new${n}`), policy, NOW)).toBe('send'),
      3,
    );
    // 150 ledger rows, 30 windows of the old subscriptions; batches of at most 40.
    expect(race.pruned).toBe(180);
    expect(race.batches.every((deleted) => deleted <= 40)).toBe(true);
    expect(race.interleaved).toBe(true);

    const left = await ids();
    expect(left.filter((id) => id.startsWith('dlv_old'))).toEqual([]);
    expect(left.filter((id) => id.startsWith('dlv_storm'))).toHaveLength(3);
    expect(left).toContain('dlv_recent:1:delivery.failed');
    expect(left.filter((id) => id.startsWith('dlv_new'))).toHaveLength(race.writes);
    expect((await windowStates()).filter((window) => window.startsWith('sub_old'))).toEqual([]);
    expect(await windowStates()).toContain('sub_storm:digesting');
    // A notification redelivered within the retention is still recognised.
    expect(await ledger.claim(notification('dlv_recent:1:delivery.failed', 'sub_recent'), policy, NOW)).toBe('duplicate');
  });
});

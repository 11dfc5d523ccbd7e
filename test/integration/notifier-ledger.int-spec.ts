import type { NotificationRecordV1 } from '@hookbus/contracts';
import { type OpenDatabase, openDatabase } from '@hookbus/persistence';
import { testDatabases } from '@hookbus/testing';
// The ledger is notifier-service's own code, tested here on both real databases without a process;
// apps publish no import path, so this spec reaches into the app's sources directly.
/* eslint-disable @nx/enforce-module-boundaries */
import { NOTIFIER_MIGRATIONS } from '../../apps/notifier-service/src/migrations/0001-notifier';
import { NotificationLedger } from '../../apps/notifier-service/src/notifications/notification-ledger';
import { SentNotification } from '../../apps/notifier-service/src/notifications/sent-notification.entity';
import { NOTIFIER_ENTITIES } from '../../apps/notifier-service/src/notifier-entities';
import { DIGEST_LEASE_MS, DigestLedger } from '../../apps/notifier-service/src/storm/digest-ledger';
import { NotificationWindow } from '../../apps/notifier-service/src/storm/notification-window.entity';
/* eslint-enable @nx/enforce-module-boundaries */

const policy = { maxPerWindow: 2, windowSeconds: 60 };
const t0 = new Date('2026-03-01T10:00:00.000Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
let sequence = 0;

const notification = (subscriptionId: string, overrides: Partial<NotificationRecordV1> = {}): NotificationRecordV1 => {
  sequence += 1;
  return {
    id: `dlv_${sequence}:1:delivery.failed`,
    type: 'delivery.failed',
    tenantId: 'ten_1',
    subscriptionId,
    plugin: 'komet',
    hook: 'order-confirmation',
    url: 'https://erp.example.com/confirm',
    recipients: ['ops@example.com'],
    deliveryId: `dlv_${sequence}`,
    subject: String(7000 + sequence),
    reason: 'rejected',
    vendorMessage: `message ${sequence}`,
    at: t0.toISOString(),
    ...overrides,
  };
};

describe.each(testDatabases())('notifier ledger on $label (dedupe and storm windows)', (database) => {
  let db: OpenDatabase;
  let ledger: NotificationLedger;
  let digests: DigestLedger;

  beforeAll(async () => {
    await database.create();
    db = await openDatabase({ url: database.url, entities: NOTIFIER_ENTITIES, migrations: NOTIFIER_MIGRATIONS, name: 'notifier-test' });
    ledger = new NotificationLedger(db.orm.em);
    digests = new DigestLedger(db.orm.em);
  });
  afterAll(async () => {
    await db?.close();
    await database.drop();
  });

  const row = (id: string) => db.orm.em.fork().findOneOrFail(SentNotification, { id });
  const windowsOf = (subscriptionId: string) => db.orm.em.fork().find(NotificationWindow, { subscriptionId }, { orderBy: { startsAt: 'asc' } });

  it('claims a notification once: sending → sent, then every redelivery is a duplicate', async () => {
    const record = notification('sub_dedupe');
    expect(await ledger.claim(record, policy, at(0))).toBe('send');
    expect((await row(record.id)).state).toBe('sending');
    await ledger.markSent(record.id, at(1));
    expect(await row(record.id)).toMatchObject({ state: 'sent', sentAt: at(1) });
    expect(await ledger.claim(record, policy, at(2))).toBe('duplicate');
    expect(await ledger.claim(record, policy, at(3))).toBe('duplicate');
    expect((await windowsOf('sub_dedupe'))[0]).toMatchObject({ sentCount: 1, suppressedCount: 0 });
  });

  it('re-sends a notification whose send was never confirmed (a crash), without counting it twice', async () => {
    const record = notification('sub_crash');
    expect(await ledger.claim(record, policy, at(0))).toBe('send');
    // the process died here: no markSent
    expect(await ledger.claim(record, policy, at(5))).toBe('resend');
    await ledger.markSent(record.id, at(6));
    expect(await ledger.claim(record, policy, at(7))).toBe('duplicate');
    expect((await windowsOf('sub_crash'))[0]).toMatchObject({ sentCount: 1 });
  });

  it('lets two concurrent claims of one id through only once', async () => {
    const record = notification('sub_race');
    const results = await Promise.allSettled([ledger.claim(record, policy, at(0)), ledger.claim(record, policy, at(0))]);
    const claims = results.filter((result) => result.status === 'fulfilled').map((result) => result.value);
    // The loser either saw the winner's row (resend of an unconfirmed claim) or failed on the key
    // and is retried by the consumer; it never opens a second window.
    expect(claims).toContain('send');
    expect(claims.filter((claim) => claim === 'send')).toHaveLength(1);
    expect(await windowsOf('sub_race')).toHaveLength(1);
  });

  it('e-mails the first notifications of a window, suppresses the rest, and never suppresses subscription.disabled', async () => {
    const sub = 'sub_storm';
    const claims = [];
    for (let i = 0; i < 5; i += 1) claims.push(await ledger.claim(notification(sub), policy, at(i)));
    expect(claims).toEqual(['send', 'send', 'suppressed', 'suppressed', 'suppressed']);
    expect(await ledger.claim(notification(sub, { type: 'subscription.disabled' }), policy, at(6))).toBe('send');
    const [window] = await windowsOf(sub);
    expect(window).toMatchObject({ sentCount: 2, suppressedCount: 3, state: 'open', startsAt: at(0), endsAt: at(60) });
    // Another subscription has its own window.
    expect(await ledger.claim(notification('sub_quiet'), policy, at(7))).toBe('send');
  });

  it('sends no digest before the window ends; after it, exactly one instance gets it, with the suppressed items', async () => {
    const sub = 'sub_digest';
    const ids = [];
    for (let i = 0; i < 5; i += 1) {
      const record = notification(sub);
      ids.push(record.id);
      await ledger.claim(record, policy, at(100 + i));
    }
    expect((await digests.claimDue(at(159), 10)).filter((digest) => digest.window.subscriptionId === sub)).toEqual([]);

    const [first, second] = await Promise.all([digests.claimDue(at(161), 2), digests.claimDue(at(161), 2)]);
    const mine = [...first, ...second].filter((digest) => digest.window.subscriptionId === sub);
    expect(mine).toHaveLength(1);
    expect(mine[0].window).toMatchObject({ state: 'digesting', suppressedCount: 3, sentCount: 2 });
    expect(mine[0].items.map((item) => item.id)).toEqual(ids.slice(2, 4));

    // A new notification after the end opens a new window instead of joining the one being digested.
    expect(await ledger.claim(notification(sub), policy, at(162))).toBe('send');
    await digests.markDigested(mine[0].window.id, at(163));
    expect((await windowsOf(sub)).map((window) => window.state)).toEqual(['closed', 'open']);
    expect((await digests.claimDue(at(164), 10)).filter((digest) => digest.window.subscriptionId === sub)).toEqual([]);
  });

  it('closes ended windows that suppressed nothing without a digest', async () => {
    await ledger.claim(notification('sub_calm'), policy, at(200));
    const due = await digests.claimDue(at(261), 10);
    expect(due.filter((digest) => digest.window.subscriptionId === 'sub_calm')).toEqual([]);
    expect((await windowsOf('sub_calm'))[0].state).toBe('closed');
  });

  it('gives a released digest back to the next poll, and takes over one whose instance died after the lease', async () => {
    const sub = 'sub_release';
    for (let i = 0; i < 3; i += 1) await ledger.claim(notification(sub), policy, at(300 + i));
    const mineAt = async (time: Date) => (await digests.claimDue(time, 10)).filter((digest) => digest.window.subscriptionId === sub);
    const [claimed] = await mineAt(at(361));
    await digests.release(claimed.window.id);
    const [again] = await mineAt(at(362));
    expect(again.window.id).toBe(claimed.window.id);
    // Claimed and never finished: nobody else takes it within the lease, someone does after it.
    expect(await mineAt(at(363))).toEqual([]);
    expect(await mineAt(new Date(at(362).getTime() + DIGEST_LEASE_MS + 1000))).toHaveLength(1);
  });
});

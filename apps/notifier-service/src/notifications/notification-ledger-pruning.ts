import type { EntityManager } from '@mikro-orm/core';
import type { Knex, EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { changedRows } from '@hookbus/persistence';

/**
 * Ledger rows handled before the cutoff, except the suppressed ones of a window whose digest is
 * still to be sent (the digest lists them). Why the retention keeps dedupe whole: a notification
 * comes back only as a redelivery from `hookbus.notifications.v1`, which keeps a message 7 days (the
 * env's minimum retention is longer), or as a quarantine replay within its 30 days, of a message
 * that was never e-mailed. Binds the cutoff, then the limit.
 */
const OLD_NOTIFICATIONS =
  `select id from sent_notifications where created_at < ?` +
  ` and (window_id is null or not exists (select 1 from notification_windows w where w.id = sent_notifications.window_id and w.state <> 'closed'))` +
  ` order by created_at limit ?`;

/** Windows closed (their digest sent, or none needed) that ended before the cutoff; only history. */
const OLD_WINDOWS = `select id from notification_windows where state = 'closed' and ends_at < ? order by ends_at limit ?`;

/**
 * One batch of notifier-service's retention: at most `limit` rows, ledger rows first, then old
 * windows. Each is one plain statement (the same on SQLite and PostgreSQL), so the consumer's claims
 * wait for it only briefly; rows it deletes are old, rows a claim touches new, so they never meet.
 */
export class NotificationLedgerPruning {
  constructor(private readonly em: EntityManager) {}

  readonly pruneBatch = async (before: Date, limit: number): Promise<number> => {
    const cutoff = this.em.getPlatform().processDateProperty(before);
    const notifications = await changedRows(this.knex(), `delete from sent_notifications where id in (${OLD_NOTIFICATIONS})`, [cutoff, limit]);
    if (notifications >= limit) return notifications;
    return notifications + (await changedRows(this.knex(), `delete from notification_windows where id in (${OLD_WINDOWS})`, [cutoff, limit - notifications]));
  };

  private knex(): Knex {
    return (this.em as SqlEntityManager).getConnection().getKnex();
  }
}

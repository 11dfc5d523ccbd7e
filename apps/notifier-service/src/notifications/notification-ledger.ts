import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import type { NotificationRecordV1 } from '@hookbus/contracts';
import { NotificationWindow } from '../storm/notification-window.entity';
import { type StormPolicy, stormDecision, windowEnd } from '../storm/storm-policy';
import { SentNotification } from './sent-notification.entity';

/**
 * What the consumer should do with a notification:
 * - `send`: e-mail it now (first time this id is seen);
 * - `resend`: e-mail it again: it was claimed before, but its sending was never confirmed;
 * - `suppressed`: recorded for the window's digest, no e-mail now;
 * - `duplicate`: already e-mailed or suppressed; nothing to do.
 */
export type Claim = 'send' | 'resend' | 'suppressed' | 'duplicate';

/** A concurrent change (the digest closing the window) beat us; the consumer retries the message. */
export class WindowConflictError extends Error {
  readonly retriable = true;
}

/**
 * The dedupe record and storm counters, in one transaction per notification.
 *
 * Exactly one e-mail per notification id rests on the row claimed here (primary key = id). The row
 * is written as `sending` *before* the e-mail goes out and becomes `sent` after. If the process dies
 * between the two, the redelivered message finds `sending` and the e-mail is sent again, with the
 * same Message-ID. We chose that side on purpose: a lost failure e-mail means orders that silently
 * never reach the customer's system, while a repeat of one e-mail (which clients and servers can
 * fold by Message-ID) only costs a glance. The repeat window is the gap between the SMTP server's
 * "250 OK" and one database update; the storm counters are not counted twice.
 */
@Injectable()
export class NotificationLedger {
  constructor(@Inject(EntityManager) private readonly em: EntityManager) {}

  async claim(record: NotificationRecordV1, policy: StormPolicy, now: Date): Promise<Claim> {
    // Called from a Kafka handler, outside any request: work in a fork of our own.
    return this.em.fork().transactional(async (em) => {
      const existing = await em.findOne(SentNotification, { id: record.id });
      if (existing) return existing.state === 'sending' ? 'resend' : 'duplicate';

      const window = await em.findOne(
        NotificationWindow,
        { subscriptionId: record.subscriptionId, state: 'open', endsAt: { $gt: now } },
        { orderBy: { startsAt: 'desc' } },
      );
      const decision = stormDecision(record.type, window, policy, now);
      let windowId: string | null = window?.id ?? null;
      if (decision === 'exempt') windowId = null;
      else if (decision === 'open-window') windowId = this.openWindow(em, record, policy, now).id;
      else if (window) await this.count(em, window, decision === 'send' ? 'sentCount' : 'suppressedCount');

      em.create(SentNotification, {
        id: record.id,
        tenantId: record.tenantId,
        subscriptionId: record.subscriptionId,
        type: record.type,
        state: decision === 'suppress' ? 'suppressed' : 'sending',
        windowId,
        record,
        createdAt: now,
        sentAt: null,
      });
      // A second instance inserting the same id concurrently fails here on the primary key, rolls
      // back its counting, and finds this row when the message is retried.
      return decision === 'suppress' ? 'suppressed' : 'send';
    });
  }

  async markSent(id: string, now: Date): Promise<void> {
    await this.em.fork().nativeUpdate(SentNotification, { id, state: 'sending' }, { state: 'sent', sentAt: now });
  }

  private openWindow(em: EntityManager, record: NotificationRecordV1, policy: StormPolicy, now: Date): NotificationWindow {
    return em.create(NotificationWindow, {
      id: `${record.subscriptionId}@${now.getTime()}`,
      tenantId: record.tenantId,
      subscriptionId: record.subscriptionId,
      startsAt: now,
      endsAt: windowEnd(now, policy),
      sentCount: 1,
      suppressedCount: 0,
      state: 'open',
      claimedAt: null,
      digestedAt: null,
    });
  }

  // Compare-and-set on the value read: the digest may have claimed the window in between.
  private async count(em: EntityManager, window: NotificationWindow, field: 'sentCount' | 'suppressedCount'): Promise<void> {
    const updated = await em.nativeUpdate(
      NotificationWindow,
      { id: window.id, state: 'open', [field]: window[field] },
      { [field]: window[field] + 1 },
    );
    if (updated !== 1) throw new WindowConflictError(`storm window ${window.id} changed while counting; retrying`);
  }
}

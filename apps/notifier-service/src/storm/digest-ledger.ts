import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import type { NotificationRecordV1 } from '@hookbus/contracts';
import { SentNotification } from '../notifications/sent-notification.entity';
import { NotificationWindow } from './notification-window.entity';

/** A closed window with suppressed notifications, claimed by this instance for its digest. */
export interface DueDigest {
  readonly window: NotificationWindow;
  /** The suppressed notifications, oldest first, at most `limit` of them. */
  readonly items: readonly NotificationRecordV1[];
}

/** A digest claimed longer ago than this is taken over: the instance that claimed it died. */
export const DIGEST_LEASE_MS = 5 * 60_000;
const CLAIMS_PER_POLL = 20;

/**
 * The digests' side of the storm windows. Several notifier instances poll at once; each window is
 * taken by one of them through a compare-and-set update (`open` → `digesting`), and the consumer
 * only counts into a window that is still `open`, so nothing is added after its digest was read.
 */
@Injectable()
export class DigestLedger {
  constructor(@Inject(EntityManager) private readonly em: EntityManager) {}

  /** Claims the windows ended by `now` whose digest is due; closes ended windows that suppressed nothing. */
  async claimDue(now: Date, limit: number): Promise<DueDigest[]> {
    const em = this.em.fork();
    await em.nativeUpdate(NotificationWindow, { state: 'open', endsAt: { $lte: now }, suppressedCount: 0 }, { state: 'closed' });
    const candidates = await em.find(
      NotificationWindow,
      {
        $or: [
          { state: 'open', endsAt: { $lte: now } },
          { state: 'digesting', claimedAt: { $lt: new Date(now.getTime() - DIGEST_LEASE_MS) } },
        ],
      },
      { orderBy: { endsAt: 'asc' }, limit: CLAIMS_PER_POLL },
    );
    const due: DueDigest[] = [];
    for (const window of candidates) {
      const claimed = await em.nativeUpdate(
        NotificationWindow,
        { id: window.id, state: window.state, claimedAt: window.claimedAt ?? null },
        { state: 'digesting', claimedAt: now },
      );
      if (claimed !== 1) continue; // another instance took it
      const rows = await em.find(
        SentNotification,
        { windowId: window.id, state: 'suppressed' },
        { orderBy: { createdAt: 'asc', id: 'asc' }, limit },
      );
      // Re-read: the counters may have moved between the candidate query and the claim.
      const current = await em.findOneOrFail(NotificationWindow, { id: window.id }, { refresh: true });
      due.push({ window: current, items: rows.map((row) => row.record) });
    }
    return due;
  }

  /** The digest went out: the window is done. */
  async markDigested(windowId: string, now: Date): Promise<void> {
    await this.em.fork().nativeUpdate(NotificationWindow, { id: windowId, state: 'digesting' }, { state: 'closed', digestedAt: now });
  }

  /** Sending failed: give the window back so the next poll tries again. */
  async release(windowId: string): Promise<void> {
    await this.em.fork().nativeUpdate(NotificationWindow, { id: windowId, state: 'digesting' }, { state: 'open' });
  }
}

import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { NotificationRecordV1 } from '@hookbus/contracts';

/**
 * - `sending`: claimed, e-mail not yet confirmed sent (a crash leaves it here; see NotificationLedger);
 * - `sent`: e-mailed;
 * - `suppressed`: held back by the storm rule, listed in its window's digest.
 */
export type SentNotificationState = 'sending' | 'sent' | 'suppressed';

/** One row per notification id ever handled: the dedupe record. */
@Entity({ tableName: 'sent_notifications' })
@Index({ name: 'sent_notifications_window_idx', properties: ['windowId', 'createdAt'] })
@Index({ name: 'sent_notifications_created_idx', properties: ['createdAt'] })
export class SentNotification {
  @PrimaryKey({ type: 'string', length: 255 })
  id!: string;

  @Property({ type: 'string', length: 128 })
  tenantId!: string;

  @Property({ type: 'string', length: 64 })
  subscriptionId!: string;

  @Property({ type: 'string', length: 40 })
  type!: NotificationRecordV1['type'];

  @Property({ type: 'string', length: 16 })
  state!: SentNotificationState;

  /** The storm window it was counted in (null for exempt notifications). */
  @Property({ type: 'string', length: 120, nullable: true })
  windowId?: string | null;

  /** The record as received: a digest lists suppressed notifications from it. */
  @Property({ type: 'json' })
  record!: NotificationRecordV1;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  sentAt?: Date | null;
}

import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** `open` (counting) → `digesting` (one instance is sending its digest) → `closed`. */
export type WindowState = 'open' | 'digesting' | 'closed';

/** One storm window of one subscription: how many e-mails it allowed and how many it held back. */
@Entity({ tableName: 'notification_windows' })
@Index({ name: 'notification_windows_subscription_idx', properties: ['subscriptionId', 'endsAt'] })
@Index({ name: 'notification_windows_state_idx', properties: ['state', 'endsAt'] })
export class NotificationWindow {
  /** `<subscription id>@<start in ms>`: also the key of the digest's Message-ID. */
  @PrimaryKey({ type: 'string', length: 120 })
  id!: string;

  @Property({ type: 'string', length: 128 })
  tenantId!: string;

  @Property({ type: 'string', length: 64 })
  subscriptionId!: string;

  @Property({ type: 'datetime' })
  startsAt!: Date;

  @Property({ type: 'datetime' })
  endsAt!: Date;

  @Property({ type: 'integer' })
  sentCount!: number;

  @Property({ type: 'integer' })
  suppressedCount!: number;

  @Property({ type: 'string', length: 16 })
  state!: WindowState;

  /** When an instance took the digest on; an old claim is taken over (that instance died). */
  @Property({ type: 'datetime', nullable: true })
  claimedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  digestedAt?: Date | null;
}

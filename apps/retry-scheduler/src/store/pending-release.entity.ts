import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { RetryRecordV1 } from '@hookbus/contracts';

/**
 * One dead letter held until it is due: the retry record to publish then, and the claim of the
 * instance releasing it. Released rows stay as tombstones (`releasedAt`) so a redelivered dead
 * letter neither adds a row nor revives one.
 */
@Entity({ tableName: 'pending_releases' })
@Index({ name: 'pending_releases_due_idx', properties: ['releasedAt', 'paced', 'dueAt'] })
@Index({ name: 'pending_releases_subscription_idx', properties: ['subscriptionId', 'releasedAt', 'dueAt'] })
@Index({ name: 'pending_releases_claim_idx', properties: ['claimToken'] })
export class PendingRelease {
  [OptionalProps]?: 'claimToken' | 'claimExpiresAt' | 'firstClaimedAt' | 'releasedAt' | 'createdAt';

  /** The release id (see `releaseId`); also sent as a header of the published retry. */
  @PrimaryKey({ type: 'string', length: 100 })
  id!: string;

  @Property({ type: 'string', length: 64 })
  deliveryId!: string;

  @Property({ type: 'string', length: 64 })
  subscriptionId!: string;

  @Property({ type: 'string', length: 128 })
  tenantId!: string;

  @Property({ type: 'integer' })
  attempt!: number;

  @Property({ type: 'datetime' })
  dueAt!: Date;

  /** Released by its subscription's schedule (SecuTix batches) rather than as soon as due. */
  @Property({ type: 'boolean' })
  paced!: boolean;

  @Property({ type: 'json' })
  record!: RetryRecordV1;

  @Property({ type: 'string', length: 40, nullable: true })
  claimToken?: string | null;

  @Property({ type: 'datetime', nullable: true })
  claimExpiresAt?: Date | null;

  /** When the row was first claimed: a publish of it can only have happened after this. */
  @Property({ type: 'datetime', nullable: true })
  firstClaimedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  releasedAt?: Date | null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}

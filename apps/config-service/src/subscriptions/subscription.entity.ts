import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { SubscriptionSnapshotV1 } from '@hookbus/contracts';

export type SealedAuth = SubscriptionSnapshotV1['auth'];

/** A signing secret, encrypted; `expiresAt` is set on the previous secret during a rotation. */
export interface StoredSigningSecret {
  secret: string;
  createdAt: string;
  expiresAt?: string;
}

/**
 * One webhook endpoint of a tenant for one plugin hook. Secrets are stored sealed (`enc:v2:`, see SecretBox).
 * `version`/`publishedVersion` make the row its own outbox: a change is published to the
 * compacted topic until `publishedVersion` catches up, even if Kafka was down when it was made.
 */
@Entity({ tableName: 'subscriptions' })
export class Subscription {
  [OptionalProps]?: 'status' | 'version' | 'publishedVersion' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Index()
  @Property({ type: 'string', length: 40 })
  tenantId!: string;

  @Property({ type: 'string', length: 40 })
  plugin!: string;

  @Property({ type: 'string', length: 80 })
  hook!: string;

  @Property({ type: 'text' })
  url!: string;

  @Property({ type: 'string', length: 10 })
  method!: string;

  @Property({ type: 'boolean' })
  enabled!: boolean;

  @Property({ type: 'string', length: 20 })
  status: 'active' | 'disabled' = 'active';

  @Property({ type: 'text', nullable: true })
  disabledReason?: string | null;

  /** Set when re-enabled: deactivation counts only failures since then. */
  @Property({ type: 'datetime', nullable: true })
  activeSince?: Date;

  @Property({ type: 'json' })
  auth!: SealedAuth;

  @Property({ type: 'json' })
  errorEmails!: string[];

  @Property({ type: 'json' })
  settings!: Record<string, unknown>;

  @Property({ type: 'json', nullable: true })
  retryPolicy?: { delaysSeconds: number[] };

  @Property({ type: 'json', nullable: true })
  rateLimit?: { perSecond: number };

  @Property({ type: 'json' })
  signingSecrets!: StoredSigningSecret[];

  @Property({ type: 'integer' })
  version = 1;

  @Index()
  @Property({ type: 'integer' })
  publishedVersion = 0;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime' })
  updatedAt: Date = new Date();

  /** Set on delete; the row goes once its tombstone is on the topic. */
  @Property({ type: 'datetime', nullable: true })
  deletedAt?: Date;
}

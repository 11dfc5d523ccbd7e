import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { Role } from '../auth/principal';

/**
 * A tenant's API key: only the hash of its secret is stored. `version`/`publishedVersion` make the
 * row its own outbox for `hookbus.api-keys.v1` (see CompactedTopicOutbox), from which ingest-service
 * authenticates producers.
 */
@Entity({ tableName: 'api_keys' })
export class ApiKey {
  [OptionalProps]?: 'createdAt' | 'version' | 'publishedVersion';

  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Index()
  @Property({ type: 'string', length: 40 })
  tenantId!: string;

  @Property({ type: 'string', length: 64 })
  secretHash!: string;

  @Property({ type: 'json' })
  roles!: Role[];

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date;

  @Property({ type: 'integer' })
  version = 1;

  @Index()
  @Property({ type: 'integer' })
  publishedVersion = 0;
}

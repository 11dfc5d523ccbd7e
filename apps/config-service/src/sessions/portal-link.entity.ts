import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { Role } from '../auth/principal';

/**
 * A one-time link into the console for one tenant and roles: only the SHA-256 of its token is
 * stored; `usedAt` is set by the one exchange that succeeds. `keyId` is the API key of whoever
 * made it (none for the operator or a portal session): the session it opens ends with that key.
 */
@Entity({ tableName: 'portal_links' })
export class PortalLink {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'string', length: 64 })
  tokenSha256!: string;

  @Property({ type: 'string', length: 40 })
  tenantId!: string;

  @Property({ type: 'json' })
  roles!: Role[];

  @Property({ type: 'integer' })
  sessionSeconds!: number;

  @Property({ type: 'string', length: 40, nullable: true })
  keyId?: string;

  @Index()
  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  usedAt?: Date;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}

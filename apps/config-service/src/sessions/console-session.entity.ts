import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { Role } from '../auth/principal';

/**
 * A signed-in console: who (the operator, or a tenant with roles) until when. Only the SHA-256
 * of the cookie's token is stored. `keyId` is the API key the session hangs on: revoking that key
 * ends the session.
 */
@Entity({ tableName: 'console_sessions' })
export class ConsoleSession {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'string', length: 64 })
  tokenSha256!: string;

  @Property({ type: 'string', length: 10 })
  kind!: 'operator' | 'tenant';

  @Property({ type: 'string', length: 40, nullable: true })
  tenantId?: string;

  @Property({ type: 'string', length: 40, nullable: true })
  keyId?: string;

  @Property({ type: 'json' })
  roles!: Role[];

  @Index()
  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}

import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** A tenant's postback endpoint; each link to an event delivers to it through a subscription. */
@Entity({ tableName: 'notification_channels' })
export class NotificationChannel {
  [OptionalProps]?: 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Index()
  @Property({ type: 'string', length: 40 })
  tenantId!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'text' })
  url!: string;

  @Property({ type: 'json', nullable: true })
  retryPolicy?: { delaysSeconds: number[] };

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime' })
  updatedAt: Date = new Date();
}

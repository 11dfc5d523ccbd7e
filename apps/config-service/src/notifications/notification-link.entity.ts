import { Entity, Index, OptionalProps, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import type { Origin } from '@hookbus/contracts';

/**
 * A channel linked to a notification event, with the sources it wants. It is delivered as the
 * postback subscription `subscriptionId`, which this row owns: kept in step on every change.
 */
@Entity({ tableName: 'notification_links' })
@Index({ properties: ['tenantId', 'eventType'] })
export class NotificationLink {
  [PrimaryKeyProp]?: ['channelId', 'eventType'];
  [OptionalProps]?: 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'string', length: 40 })
  channelId!: string;

  @PrimaryKey({ type: 'string', length: 80 })
  eventType!: string;

  @Property({ type: 'string', length: 40 })
  tenantId!: string;

  @Property({ type: 'json' })
  sources!: Origin[];

  @Property({ type: 'string', length: 40 })
  subscriptionId!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime' })
  updatedAt: Date = new Date();
}

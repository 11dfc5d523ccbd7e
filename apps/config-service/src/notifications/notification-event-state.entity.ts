import { Entity, OptionalProps, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';

/**
 * A tenant's toggle for one notification event. Only events the tenant has set have a row: an
 * event without one is off, so nothing is delivered until the tenant turns it on.
 */
@Entity({ tableName: 'notification_event_states' })
export class NotificationEventState {
  [PrimaryKeyProp]?: ['tenantId', 'eventType'];
  [OptionalProps]?: 'updatedAt';

  @PrimaryKey({ type: 'string', length: 40 })
  tenantId!: string;

  @PrimaryKey({ type: 'string', length: 80 })
  eventType!: string;

  @Property({ type: 'boolean' })
  enabled!: boolean;

  @Property({ type: 'datetime' })
  updatedAt: Date = new Date();
}

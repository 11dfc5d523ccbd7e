import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { DeliveryStatus, HookbusEvent } from '@hookbus/contracts';

/**
 * One event for one subscription, as the delivery log shows it: a read model built from the attempt
 * records on `hookbus.deliveries.log.v1`. `status` is the outcome of the highest-numbered attempt.
 * Every list filter is tenant-scoped, so each index starts with the tenant, and ends with the list's
 * order `(createdAt, id)`, so a page is a range of one index (see the 0013 migration).
 */
@Entity({ tableName: 'deliveries' })
@Index({ name: 'deliveries_tenant_created_idx', properties: ['tenantId', 'createdAt', 'id'] })
@Index({ name: 'deliveries_tenant_subscription_idx', properties: ['tenantId', 'subscriptionId', 'createdAt', 'id'] })
@Index({ name: 'deliveries_tenant_status_idx', properties: ['tenantId', 'status', 'createdAt', 'id'] })
@Index({ name: 'deliveries_tenant_subscription_status_idx', properties: ['tenantId', 'subscriptionId', 'status', 'createdAt', 'id'] })
@Index({ name: 'deliveries_tenant_event_idx', properties: ['tenantId', 'eventId', 'createdAt', 'id'] })
@Index({ name: 'deliveries_tenant_subject_idx', properties: ['tenantId', 'subject', 'createdAt', 'id'] })
@Index({ name: 'deliveries_subscription_finished_idx', properties: ['subscriptionId', 'finishedAt'] })
@Index({ name: 'deliveries_updated_idx', properties: ['updatedAt'] })
export class Delivery {
  [OptionalProps]?: 'updatedAt';

  @PrimaryKey({ type: 'string', length: 64 })
  id!: string;

  @Property({ type: 'string', length: 128 })
  tenantId!: string;

  @Property({ type: 'string', length: 256 })
  eventId!: string;

  @Property({ type: 'string', length: 64 })
  subscriptionId!: string;

  @Property({ type: 'string', length: 256, nullable: true })
  subject?: string | null;

  @Property({ type: 'string', length: 40 })
  plugin!: string;

  @Property({ type: 'string', length: 80 })
  hook!: string;

  @Property({ type: 'string', length: 20 })
  status!: DeliveryStatus;

  @Property({ type: 'text', nullable: true })
  vendorMessage?: string | null;

  /** The highest attempt number logged so far (a late record can leave a gap for a while). */
  @Property({ type: 'integer' })
  attemptCount!: number;

  /** The event, kept once the delivery ended without getting through: what a manual retry sends. */
  @Property({ type: 'json', nullable: true })
  event?: HookbusEvent | null;

  /** While it is `retrying`: when its next attempt is due (retry-scheduler holds it until then). */
  @Property({ type: 'datetime', nullable: true })
  dueAt?: Date | null;

  /** When its final attempt was made; null while it is still pending or retrying. */
  @Property({ type: 'datetime', nullable: true })
  finishedAt?: Date | null;

  /** When the first attempt was made; lists are ordered by it, newest first. */
  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Property({ type: 'datetime' })
  updatedAt: Date = new Date();
}

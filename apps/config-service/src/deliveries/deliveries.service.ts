import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { notFound } from '../tenants/tenants.service';
import { type ListDeliveriesQuery, MAX_PAGE_SIZE } from './deliveries.schemas';
import { DeliveryAttempt } from './delivery-attempt.entity';
import { encodeCursor } from './delivery-cursor';
import { Delivery } from './delivery.entity';

/** Reads the delivery log of one tenant; another tenant's deliveries do not exist for it (404). */
@Injectable()
export class DeliveriesService {
  constructor(@Inject(EntityManager) private readonly em: EntityManager) {}

  /** Newest first (`createdAt`, then `id`, both descending), keyset-paginated. */
  async list(tenantId: string, query: ListDeliveriesQuery): Promise<{ items: Delivery[]; next?: string }> {
    const { subscriptionId, eventId, subject, status, since, until, cursor, limit = MAX_PAGE_SIZE } = query;
    // After the cursor, `(createdAt, id) < cursor`, is written `createdAt <= c and (createdAt < c or
    // id < c.id)`, so its first half bounds the index range a later page reads; it is the one upper
    // bound when it lies before `until` (SQLite, given two, ranges over the tenant's whole list).
    const after = cursor && (!until || cursor.createdAt < until) ? cursor : undefined;
    const upper = after ? { $lte: after.createdAt } : until ? { $lt: until } : undefined;
    const where: FilterQuery<Delivery> = {
      tenantId,
      ...(subscriptionId ? { subscriptionId } : {}),
      ...(eventId ? { eventId } : {}),
      ...(subject ? { subject } : {}),
      ...(status ? { status } : {}),
      ...(since || upper ? { createdAt: { ...(since ? { $gte: since } : {}), ...upper } } : {}),
      ...(after ? { $or: [{ createdAt: { $lt: after.createdAt } }, { id: { $lt: after.id } }] } : {}),
    };
    const rows = await this.em.find(Delivery, where, { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], limit: limit + 1 });
    const items = rows.slice(0, limit);
    return rows.length > limit ? { items, next: encodeCursor(items[items.length - 1]) } : { items };
  }

  /** The delivery with its attempts in attempt order. */
  async get(tenantId: string, id: string): Promise<{ delivery: Delivery; attempts: DeliveryAttempt[] }> {
    const delivery = await this.em.findOne(Delivery, { id, tenantId });
    if (!delivery) throw notFound(`Delivery ${id}`);
    const attempts = await this.em.find(DeliveryAttempt, { deliveryId: id }, { orderBy: { n: 'asc' } });
    return { delivery, attempts };
  }
}

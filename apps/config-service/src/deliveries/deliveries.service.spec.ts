import { deliveryId } from '@hookbus/contracts';
import type { OpenDatabase } from '@hookbus/persistence';
import { DeliveriesService } from './deliveries.service';
import { decodeCursor } from './delivery-cursor';
import { DeliveryLogWriter } from './delivery-log.writer';
import { attempt, openDeliveryLog, TENANT } from './testing/attempt-records';

// The service reads back what DeliveryLogWriter wrote, so the two agree on the rows.
describe('DeliveriesService reading the delivery log', () => {
  let db: OpenDatabase;
  let writer: DeliveryLogWriter;
  const service = () => new DeliveriesService(db.orm.em.fork());

  beforeEach(async () => {
    db = await openDeliveryLog();
    writer = new DeliveryLogWriter(db.orm.em, 0);
    for (let i = 1; i <= 5; i += 1) {
      await writer.record(attempt(1, {
        eventId: `evt-${i}`,
        subscriptionId: i % 2 ? 'sub_odd' : 'sub_even',
        subject: `order-${i}`,
        at: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString(),
        outcome: i === 5 ? 'failed' : 'delivered',
      }));
    }
    await writer.record(attempt(1, { eventId: 'evt-other', tenantId: 'tnt_b' }));
  });
  afterEach(() => db.close());

  it('pages newest first and sees only its tenant', async () => {
    const seen: string[] = [];
    let cursor: Parameters<DeliveriesService['list']>[1]['cursor'];
    for (;;) {
      const page = await service().list(TENANT, { limit: 2, cursor });
      seen.push(...page.items.map(({ eventId }) => eventId));
      if (!page.next) break;
      cursor = decodeCursor(page.next);
    }
    expect(seen).toEqual(['evt-5', 'evt-4', 'evt-3', 'evt-2', 'evt-1']);
  });

  it('pages deliveries that began at the same instant without skipping or repeating one', async () => {
    const at = new Date(Date.UTC(2025, 0, 2)).toISOString();
    for (const eventId of ['tie-a', 'tie-b', 'tie-c']) await writer.record(attempt(1, { eventId, at }));

    const first = await service().list(TENANT, { limit: 2 });
    const second = await service().list(TENANT, { limit: 2, cursor: decodeCursor(first.next ?? '') });
    const ids = [...first.items, ...second.items].map(({ eventId }) => eventId);
    expect(ids).toHaveLength(4);
    expect(new Set(ids)).toEqual(new Set(['tie-a', 'tie-b', 'tie-c', 'evt-5']));
  });

  it('filters by subscription, event, subject and status', async () => {
    const eventIds = async (query: Parameters<DeliveriesService['list']>[1]) =>
      (await service().list(TENANT, query)).items.map(({ eventId }) => eventId);

    expect(await eventIds({ subscriptionId: 'sub_even' })).toEqual(['evt-4', 'evt-2']);
    expect(await eventIds({ eventId: 'evt-3' })).toEqual(['evt-3']);
    expect(await eventIds({ subject: 'order-1' })).toEqual(['evt-1']);
    expect(await eventIds({ status: 'failed' })).toEqual(['evt-5']);
    expect(await eventIds({ eventId: 'evt-other' })).toEqual([]);
  });

  it('reports another tenant’s delivery as missing', async () => {
    await expect(service().get(TENANT, deliveryId('evt-other', 'sub_1'))).rejects.toMatchObject({ status: 404 });
  });
});

import { deliveryId, type DeliveryAttemptRecordV1, EVENT_TYPES, type HookbusEvent } from '@hookbus/contracts';
import { MalformedMessageError } from '@hookbus/kafka';
import { type OpenDatabase, openDatabase } from '@hookbus/persistence';
import { DELIVERY_LOG_ENTITIES, DELIVERY_LOG_MIGRATIONS } from './deliveries.module-parts';
import { DeliveriesService } from './deliveries.service';
import { DeliveryAttempt } from './delivery-attempt.entity';
import { decodeCursor } from './delivery-cursor';
import { DeliveryLogWriter } from './delivery-log.writer';
import { Delivery } from './delivery.entity';

const TENANT = 'tnt_a';

function attempt(n: number, overrides: Partial<DeliveryAttemptRecordV1> = {}): DeliveryAttemptRecordV1 {
  const eventId = overrides.eventId ?? 'evt-1';
  const subscriptionId = overrides.subscriptionId ?? 'sub_1';
  return {
    deliveryId: deliveryId(eventId, subscriptionId),
    eventId,
    subscriptionId,
    tenantId: TENANT,
    subject: 'order-42',
    plugin: 'komet',
    hook: 'order-confirmation',
    attempt: n,
    at: new Date(Date.UTC(2025, 0, 1, 0, n)).toISOString(),
    request: { method: 'POST', url: 'https://example.test/hook', headers: { authenticationToken: '********' }, body: '{"orderId":1}' },
    response: { status: 503, body: 'busy' },
    durationMs: 12.5,
    error: 'HTTP 503',
    outcome: 'retrying',
    ...overrides,
  };
}

describe('DeliveryLogWriter on SQLite', () => {
  let db: OpenDatabase;
  let writer: DeliveryLogWriter;
  const id = deliveryId('evt-1', 'sub_1');

  beforeEach(async () => {
    db = await openDatabase({ url: ':memory:', entities: DELIVERY_LOG_ENTITIES, migrations: DELIVERY_LOG_MIGRATIONS });
    writer = new DeliveryLogWriter(db.orm.em, 0);
  });
  afterEach(() => db.close());

  const delivery = () => db.orm.em.fork().findOneOrFail(Delivery, { id });
  const attempts = () => db.orm.em.fork().find(DeliveryAttempt, { deliveryId: id }, { orderBy: { n: 'asc' } });

  it('creates the delivery from its first attempt', async () => {
    await writer.record(attempt(1));

    expect(await delivery()).toMatchObject({
      tenantId: TENANT,
      eventId: 'evt-1',
      subscriptionId: 'sub_1',
      subject: 'order-42',
      plugin: 'komet',
      hook: 'order-confirmation',
      status: 'retrying',
      attemptCount: 1,
      createdAt: new Date(Date.UTC(2025, 0, 1, 0, 1)),
    });
    expect(await attempts()).toEqual([
      expect.objectContaining({ n: 1, durationMs: 12.5, response: { status: 503, body: 'busy' }, error: 'HTTP 503', outcome: 'retrying' }),
    ]);
  });

  it('does not duplicate a redelivered attempt', async () => {
    await writer.record(attempt(1));
    await writer.record(attempt(1));
    await writer.record(attempt(2, { outcome: 'delivered', response: { status: 200, body: 'ok' }, error: undefined }));
    await writer.record(attempt(2, { outcome: 'delivered', response: { status: 200, body: 'ok' }, error: undefined }));

    expect((await attempts()).map(({ n }) => n)).toEqual([1, 2]);
    expect(await delivery()).toMatchObject({ status: 'delivered', attemptCount: 2 });
    expect((await attempts())[1].error).toBeNull();
  });

  it('keeps the status of the highest attempt when an older one arrives late', async () => {
    await writer.record(attempt(1));
    await writer.record(attempt(3, { outcome: 'failed' }));
    await writer.record(attempt(2));

    expect(await delivery()).toMatchObject({ status: 'failed', attemptCount: 3, createdAt: new Date(Date.UTC(2025, 0, 1, 0, 1)) });
    expect((await attempts()).map(({ n, outcome }) => [n, outcome])).toEqual([[1, 'retrying'], [2, 'retrying'], [3, 'failed']]);
  });

  it('starts the delivery at its earliest attempt even when that one arrives last', async () => {
    await writer.record(attempt(2));
    expect((await delivery()).createdAt).toEqual(new Date(Date.UTC(2025, 0, 1, 0, 2)));
    await writer.record(attempt(1));
    expect((await delivery()).createdAt).toEqual(new Date(Date.UTC(2025, 0, 1, 0, 1)));
  });

  it('keeps the vendor message of the latest attempt that has one', async () => {
    await writer.record(attempt(1, { vendorMessage: 'first refusal' }));
    await writer.record(attempt(3, { outcome: 'delivered' }));
    await writer.record(attempt(2, { vendorMessage: 'second refusal' }));

    expect(await delivery()).toMatchObject({ status: 'delivered', vendorMessage: 'second refusal' });
  });

  it('keeps when a retrying delivery is due next, from its highest attempt, and forgets it once that attempt is made', async () => {
    const due = (minute: number) => new Date(Date.UTC(2025, 0, 1, 0, minute));
    await writer.record(attempt(2, { dueAt: due(10).toISOString() }));
    await writer.record(attempt(1, { dueAt: due(2).toISOString() }));
    expect(await delivery()).toMatchObject({ status: 'retrying', dueAt: due(10) });
    expect((await attempts()).map(({ n, dueAt }) => [n, dueAt])).toEqual([[1, due(2)], [2, due(10)]]);

    await writer.record(attempt(3, { outcome: 'delivered', response: { status: 200, body: 'ok' }, error: undefined }));
    expect(await delivery()).toMatchObject({ status: 'delivered', dueAt: null });
    expect((await attempts())[2].dueAt).toBeNull();
  });

  it('truncates a response body to 16 KiB', async () => {
    await writer.record(attempt(1, { response: { status: 500, body: 'é'.repeat(10_000) } }));

    const [stored] = await attempts();
    expect(Buffer.byteLength(stored.response?.body ?? '')).toBe(16 * 1024);
    expect(stored.response?.body).toBe('é'.repeat(8 * 1024));
  });

  it('stores an attempt without a response (a timeout)', async () => {
    await writer.record(attempt(1, { response: undefined, error: 'timeout after 30000 ms', outcome: 'failed' }));

    expect((await attempts())[0]).toMatchObject({ response: null, error: 'timeout after 30000 ms' });
  });

  it('refuses a record that claims another tenant’s delivery', async () => {
    await writer.record(attempt(1));

    await expect(writer.record(attempt(2, { tenantId: 'tnt_b' }))).rejects.toBeInstanceOf(MalformedMessageError);
    expect(await attempts()).toHaveLength(1);
  });

  it('writes records consumed together as one group, the same attempt once', async () => {
    const failed = attempt(2, { outcome: 'failed', vendorMessage: 'refused' });
    await Promise.all([writer.record(attempt(1)), writer.record(failed), writer.record(failed), writer.record(attempt(1, { eventId: 'evt-2' }))]);

    expect((await attempts()).map(({ n, outcome }) => [n, outcome])).toEqual([[1, 'retrying'], [2, 'failed']]);
    expect(await delivery()).toMatchObject({ status: 'failed', attemptCount: 2, vendorMessage: 'refused', finishedAt: new Date(failed.at) });
    expect(await db.orm.em.fork().count(Delivery)).toBe(2);
  });

  it('keeps the first subject and the latest event a record carried', async () => {
    const event: HookbusEvent = {
      specversion: '1.0',
      id: 'evt-1',
      source: '/shop',
      type: EVENT_TYPES[0],
      time: '2025-01-01T00:00:00Z',
      subject: 'order-42',
      tenantid: TENANT,
      data: { orderId: 1 },
    };
    await writer.record(attempt(1, { subject: undefined }));
    await writer.record(attempt(2, { outcome: 'failed', event }));
    await writer.record(attempt(2, { outcome: 'failed', subject: 'order-43' }));

    expect(await delivery()).toMatchObject({ subject: 'order-42', event });
  });

  it('refuses only the record that claims a delivery first seen in its own group for another tenant', async () => {
    // The first record is written at once, the two that arrive meanwhile as one group.
    const [, mine, theirs] = await Promise.allSettled([
      writer.record(attempt(1, { eventId: 'evt-0' })),
      writer.record(attempt(1)),
      writer.record(attempt(2, { tenantId: 'tnt_b' })),
    ]);

    expect(mine.status).toBe('fulfilled');
    expect(theirs).toMatchObject({ status: 'rejected', reason: expect.any(MalformedMessageError) });
    expect(await delivery()).toMatchObject({ tenantId: TENANT, attemptCount: 1 });
  });

  describe('DeliveriesService reading it back', () => {
    const service = () => new DeliveriesService(db.orm.em.fork());

    beforeEach(async () => {
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
});

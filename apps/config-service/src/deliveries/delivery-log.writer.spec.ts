import { deliveryId, EVENT_TYPES, type HookbusEvent } from '@hookbus/contracts';
import { MalformedMessageError } from '@hookbus/kafka';
import type { OpenDatabase } from '@hookbus/persistence';
import { DeliveryAttempt } from './delivery-attempt.entity';
import { DeliveryLogWriter } from './delivery-log.writer';
import { Delivery } from './delivery.entity';
import { attempt, openDeliveryLog, TENANT } from './testing/attempt-records';

describe('DeliveryLogWriter on SQLite', () => {
  let db: OpenDatabase;
  let writer: DeliveryLogWriter;
  const id = deliveryId('evt-1', 'sub_1');

  beforeEach(async () => {
    db = await openDeliveryLog();
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

  it('keeps an attempt that was made when its pending record comes again (a scheduled event handled twice after a crash)', async () => {
    await writer.record(attempt(1, { outcome: 'pending', response: undefined, error: undefined }));
    await writer.record(attempt(1, { outcome: 'delivered', response: { status: 200, body: 'ok' }, error: undefined }));
    await writer.record(attempt(1, { outcome: 'pending', response: undefined, error: undefined }));

    expect(await delivery()).toMatchObject({ status: 'delivered', attemptCount: 1 });
    expect(await attempts()).toEqual([expect.objectContaining({ n: 1, outcome: 'delivered', response: { status: 200, body: 'ok' } })]);
  });

  it('keeps an attempt that ended when an unfinished record of it comes again, in one group or later', async () => {
    const failed = attempt(1, { outcome: 'failed', error: 'HTTP 400' });
    await Promise.all([writer.record(attempt(1)), writer.record(failed), writer.record(attempt(1))]);
    await writer.record(attempt(1));

    expect(await delivery()).toMatchObject({ status: 'failed' });
    expect(await attempts()).toEqual([expect.objectContaining({ n: 1, outcome: 'failed', error: 'HTTP 400' })]);
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
});

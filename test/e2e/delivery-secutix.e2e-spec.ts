import { deliveryId, Topics } from '@hookbus/contracts';
import { pollUntil } from '@hookbus/testing';
import { Webhook } from 'standardwebhooks';
import { DeliveryHarness } from '../support/delivery-harness';

const closedOrder = (orderType: string) => ({
  orderId: 1234567,
  orderDetailsData: { orderType, orderState: 'CLOSED', operationDatas: [{ productCode: 'P1', basePrice: 10000, quantity: 1 }] },
});

describe('delivery-service paces SecuTix through the retry-scheduler and filters its orders (real broker, real HTTP)', () => {
  let harness: DeliveryHarness;

  beforeAll(async () => {
    harness = await DeliveryHarness.start('delivery-secutix');
  });

  afterEach(() => harness.unsubscribeAll());
  afterAll(() => harness?.stop());

  // What the retry-scheduler does once the record is due: release it unchanged to the retry topic.
  const release = async (record: Record<string, unknown>) => {
    const { deliveryId: id, eventId, subscriptionId, tenantId, attempt, event } = record;
    await harness.bus.publish(Topics.retries.name, [{ key: String(id), value: JSON.stringify({ deliveryId: id, eventId, subscriptionId, tenantId, attempt, event }) }]);
  };

  it('queues a matching order as pending with its batch info, ignores a non-matching one, and sends it when released', async () => {
    const at = `/secutix-${Math.random().toString(36).slice(2, 8)}`;
    harness.receiver.answer({ status: 200 });
    const sub = await harness.subscribe({
      plugin: 'secutix',
      hook: 'order-closed',
      method: 'GET',
      url: `${harness.receiver.url}${at}/\${orderId}`,
      settings: { filter: 'OrderDetailsData.OrderType=SALE', frequencyMinutes: 5, batchSize: 10 },
    });
    // Same subject, so the same partition: the non-matching event is handled first.
    const ignored = await harness.publishEvent('order.closed', closedOrder('RETURN'), { subject: 'order-1234567' });
    const before = Date.now();
    const event = await harness.publishEvent('order.closed', closedOrder('SALE'), { subject: 'order-1234567' });

    const [record] = await harness.records(harness.deadLetters, event.id);
    expect(record).toMatchObject({ deliveryId: deliveryId(event.id, sub.id), attempt: 1, batch: { frequencyMinutes: 5, batchSize: 10 }, event: { id: event.id } });
    expect(Math.abs(Date.parse(record.dueAt) - before)).toBeLessThan(10_000);
    const [pending] = await harness.records(harness.log, event.id);
    expect(pending).toMatchObject({ outcome: 'pending', attempt: 1, request: { method: 'GET', url: `${harness.receiver.url}${at}/1234567`, body: '' } });
    expect(harness.receiver.at(at)).toEqual([]);
    expect([...harness.parsed(harness.log, ignored.id), ...harness.parsed(harness.deadLetters, ignored.id)]).toEqual([]);

    await release(record);
    await pollUntil('the order is sent', () => harness.receiver.at(at).length > 0);
    const [request] = harness.receiver.at(at);
    expect(request).toMatchObject({ method: 'GET', url: `${at}/1234567`, body: '' });
    expect(() => new Webhook(sub.signingSecret).verify(request.body, request.headers as Record<string, string>)).not.toThrow();
    const logs = await harness.records(harness.log, event.id, 2);
    expect(logs[1]).toMatchObject({ attempt: 1, outcome: 'delivered', response: { status: 200 } });
  });

  it('POSTs the payload template; a failed send is re-queued for the next run with its batch info', async () => {
    const at = `/secutix-post-${Math.random().toString(36).slice(2, 8)}`;
    harness.receiver.answer({ status: 500 });
    const sub = await harness.subscribe({
      plugin: 'secutix',
      hook: 'order-closed',
      url: `${harness.receiver.url}${at}?data=\${orderId}`,
      settings: { payloadTemplate: '{"order":${orderId},"src":"hookbus"}' },
    });
    const event = await harness.publishEvent('order.closed', closedOrder('SALE'));
    const [queued] = await harness.records(harness.deadLetters, event.id);
    expect(queued.batch).toEqual({ frequencyMinutes: 1, batchSize: 60 });

    await release(queued);
    const [again] = (await harness.records(harness.deadLetters, event.id, 2)).slice(1);
    const [request] = harness.receiver.at(at);
    expect(request).toMatchObject({ method: 'POST', url: `${at}?data=1234567`, body: '{"order":1234567,"src":"hookbus"}' });
    expect(request.headers['content-type']).toBe('application/json');
    expect(again).toMatchObject({ deliveryId: deliveryId(event.id, sub.id), attempt: 2, batch: { frequencyMinutes: 1, batchSize: 60 } });
    expect((await harness.records(harness.log, event.id, 2))[1]).toMatchObject({ outcome: 'retrying', response: { status: 500 } });
  });
});

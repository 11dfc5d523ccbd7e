import { Topics } from '@hookbus/contracts';
import { pollUntil } from '@hookbus/testing';
import { SECRET_KEY } from '../support/config-service';
import { DeliveryHarness } from '../support/delivery-harness';
import { ServiceProcess } from '../support/service-process';

// Subjects spread over the partitions: with one shared group, each instance would get some of them.
const EVENTS = 12;
const KOMET_GROUP = 'hookbus-delivery-service-komet';
const OTHERS_GROUP = 'hookbus-delivery-service-komerce-postback-secutix-webhook';

describe('delivery-service split per vendor, each deployment in its default group (real broker, real HTTP)', () => {
  let harness: DeliveryHarness;
  const split: ServiceProcess[] = [];

  // The harness's own instance (a group of its own) hosts a plugin the test does not subscribe to: it only answers view queries.
  beforeAll(async () => {
    harness = await DeliveryHarness.start('delivery-split', { HOOKBUS_EGRESS_ALLOW: '127.0.0.1', DELIVERY_PLUGINS: 'postback' });
  });

  afterAll(async () => {
    await Promise.all(split.map((service) => service.stop()));
    await harness?.stop();
  });

  const spawnSplit = async (plugins: string) => {
    const env = { KAFKA_TOPIC_PREFIX: harness.prefix, HOOKBUS_SECRET_KEY: SECRET_KEY, HOOKBUS_EGRESS_ALLOW: '127.0.0.1', LOG_LEVEL: 'warn', DELIVERY_PLUGINS: plugins };
    const service = await ServiceProcess.spawn('delivery-service', env);
    split.push(service);
    return service.ready();
  };

  it('delivers every event of both vendors: DELIVERY_PLUGINS=komet next to komerce,secutix,postback,webhook', async () => {
    const [komet, others] = await Promise.all([spawnSplit('komet'), spawnSplit('komerce,secutix,postback,webhook')]);
    harness.receiver.answer({ status: 200, body: '{"status":"1"}' });
    const subscriptions = [
      await harness.subscribe({ plugin: 'komet', hook: 'order-confirmation', url: `${harness.receiver.url}/split-komet` }),
      await harness.subscribe({ plugin: 'komerce', hook: 'order-status', url: `${harness.receiver.url}/split-komerce` }),
    ];
    for (const service of [komet, others]) {
      await pollUntil(`${service.name} sees both subscriptions`, async () => {
        const view = (await (await service.asOperator('/v1/subscription-view')).json()) as { items: { id: string }[] };
        return subscriptions.every(({ id }) => view.items.some((item) => item.id === id));
      });
    }

    const numbers = Array.from({ length: EVENTS }, (_, index) => index + 1);
    for (const n of numbers) {
      await harness.publishEvent('order.confirmed', { companyId: 6316, orderId: n }, { subject: `komet-${n}` });
      await harness.publishEvent('shipment.status_changed', { orderNo: `KOM-${n}`, awb: `JNE${n}`, status: 'Dikirim' }, { subject: `komerce-${n}` });
    }

    const kometOrders = () => new Set(harness.receiver.at('/split-komet').map((request) => (JSON.parse(request.body) as { orderId: number }).orderId));
    const komerceOrders = () => new Set(harness.receiver.at('/split-komerce').map((request) => (JSON.parse(request.body) as { order_no: string }).order_no));
    await pollUntil(`all ${EVENTS} komet and ${EVENTS} komerce events were delivered`, () => kometOrders().size === EVENTS && komerceOrders().size === EVENTS);
    expect([...kometOrders()].sort((a, b) => a - b)).toEqual(numbers);
    expect([...komerceOrders()].sort()).toEqual(numbers.map((n) => `KOM-${n}`).sort());

    // Each deployment read the whole topic in a group named after its plugins.
    const end = await harness.bus.endOffsets(Topics.events.name);
    for (const group of [KOMET_GROUP, OTHERS_GROUP]) {
      await pollUntil(`${group} committed every event`, async () => {
        const committed = await harness.bus.committedOffsets(group, Topics.events.name);
        return [...end].every(([partition, offset]) => offset === 0n || (committed.get(partition) ?? -1n) >= offset);
      });
    }
  });
});

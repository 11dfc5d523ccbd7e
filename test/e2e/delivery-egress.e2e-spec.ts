import { pollUntil, uniqueGroup } from '@hookbus/testing';
import { DeliveryHarness } from '../support/delivery-harness';
import { ServiceProcess } from '../support/service-process';

describe('delivery-service egress guard and plugin selection (real broker, real HTTP)', () => {
  let harness: DeliveryHarness;

  // No HOOKBUS_EGRESS_ALLOW: loopback is refused.
  beforeAll(async () => {
    harness = await DeliveryHarness.start('delivery-egress', {});
  });

  afterAll(() => harness?.stop());

  it('refuses a loopback destination that is not allow-listed: logged failed with ssrf_refused, nothing sent', async () => {
    const at = '/ssrf';
    const sub = await harness.subscribe({ plugin: 'komet', hook: 'order-confirmation', url: `${harness.receiver.url}${at}` });
    const event = await harness.publishEvent('order.confirmed', { companyId: 1, orderId: 2 });

    const [log] = await harness.records(harness.log, event.id);
    expect(log).toMatchObject({ subscriptionId: sub.id, outcome: 'failed' });
    expect(log.error).toMatch(/^ssrf_refused/);
    expect(log.response).toBeUndefined();
    expect((await harness.records(harness.notifications, event.id))[0]).toMatchObject({ type: 'delivery.failed' });
    expect(harness.parsed(harness.deadLetters, event.id)).toEqual([]);
    expect(harness.receiver.requests).toEqual([]);
  });

  it('stops at boot naming DELIVERY_PLUGINS when it names an unknown plugin', async () => {
    const delivery = await ServiceProcess.spawn('delivery-service', {
      KAFKA_TOPIC_PREFIX: harness.prefix,
      KAFKA_GROUP_ID: uniqueGroup('delivery'),
      DELIVERY_PLUGINS: 'komet,nope',
    });
    expect(await delivery.exited).not.toBe(0);
    await pollUntil('the reason is printed', () => delivery.output.some((line) => line.includes('DELIVERY_PLUGINS') && line.includes('nope')));
  });

  it('with DELIVERY_PLUGINS=komet delivers komet events only', async () => {
    // A group of its own: the harness's instance must not take the partitions it reads.
    const only = await harness.spawnDelivery({ DELIVERY_PLUGINS: 'komet', HOOKBUS_EGRESS_ALLOW: '127.0.0.1', KAFKA_GROUP_ID: uniqueGroup('delivery-komet-only') });
    harness.receiver.answer({ status: 200, body: '{"status":1}' });
    await harness.subscribe({ plugin: 'postback', hook: 'order.completed', url: `${harness.receiver.url}/only-postback` });
    await harness.subscribe({ plugin: 'komet', hook: 'order-cancellation', url: `${harness.receiver.url}/only-komet` });
    await pollUntil('the komet-only instance sees both', async () => {
      const view = (await (await only.asOperator('/v1/subscription-view')).json()) as { items: unknown[] };
      return view.items.length >= 3;
    });
    // One subject, one partition: each instance handles the postback event before the komet one.
    const postback = await harness.publishEvent('order.completed', { n: 1 }, { subject: 'one-subject' });
    const komet = await harness.publishEvent('order.cancelled', { companyId: 1, orderId: 3 }, { subject: 'one-subject' });

    // The komet-only instance sends; the default instance (no allow list) refuses: two log records.
    const logs = await harness.records(harness.log, komet.id, 2);
    expect(logs.map((log: { outcome: string }) => log.outcome).sort()).toEqual(['delivered', 'failed']);
    expect(harness.receiver.at('/only-komet')).toHaveLength(1);
    // The postback event: only the default instance attempted it (refused), the komet-only one skipped it.
    expect(harness.parsed(harness.log, postback.id).map((log: { outcome: string }) => log.outcome)).toEqual(['failed']);
    expect(harness.receiver.at('/only-postback')).toEqual([]);
  });
});

describe('HOOKBUS_EGRESS_ALLOW means the same to config-service and delivery-service (real broker, real HTTP)', () => {
  let harness: DeliveryHarness;

  // Both services get the same CIDR entry.
  beforeAll(async () => {
    harness = await DeliveryHarness.start('egress-cidr', { HOOKBUS_EGRESS_ALLOW: '127.0.0.1/32' });
  });

  afterAll(() => harness?.stop());

  it('with 127.0.0.1/32, accepts a plain-http Komerce URL on 127.0.0.1 and delivers to it; other hosts still need https', async () => {
    harness.receiver.answer({ status: 200 });
    const sub = await harness.subscribe({ plugin: 'komerce', hook: 'order-status', url: `${harness.receiver.url}/komerce-cidr` });
    const event = await harness.publishEvent('shipment.status_changed', { orderNo: 'KOM-7', awb: 'JNE7', status: 'Dikirim' });

    const [log] = await harness.records(harness.log, event.id);
    expect(log).toMatchObject({ subscriptionId: sub.id, outcome: 'delivered' });
    expect(harness.receiver.at('/komerce-cidr')).toHaveLength(1);

    const elsewhere = await harness.client.post('/v1/subscriptions', { plugin: 'komerce', hook: 'order-status', url: 'http://shop.example.com/komerce' });
    expect(elsewhere.body.errors).toEqual([expect.objectContaining({ field: 'url', rule: 'https_required' })]);
  });
});

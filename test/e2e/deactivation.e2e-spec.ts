import { pollUntil } from '@hookbus/testing';
import { DeliveryHarness } from '../support/delivery-harness';

// Records are asserted structurally.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe.each(['sqlite', 'postgresql'] as const)('deactivation: a subscription that keeps failing is disabled, published and its contacts notified; re-enabling resumes it (real processes, config-service on %s)', (database) => {
  let harness: DeliveryHarness;

  beforeAll(async () => {
    // Deactivation, not the circuit breaker, is under test: the endpoint's circuit stays closed
    // through the failures, so a re-enabled subscription is delivered at once.
    harness = await DeliveryHarness.start(`deactivation-${database}`, { HOOKBUS_EGRESS_ALLOW: '127.0.0.1', DELIVERY_CIRCUIT_FAILURES: '1000' }, database);
  });

  beforeEach(() => harness.useNewReceiver());
  afterEach(() => harness.unsubscribeAll());
  afterAll(() => harness?.stop());

  const shipment = (n: number) => harness.publishEvent('shipment.status_changed', { orderNo: `K-${n}`, awb: `A-${n}`, status: 'Dikirim' });
  const finalLog = async (eventId: string) => {
    const [record] = await harness.records(harness.log, eventId);
    return record;
  };
  const disabledNotices = (subscriptionId: string) =>
    harness.notifications
      .map((message) => JSON.parse(message.value?.toString('utf8') ?? 'null'))
      .filter((record: Json) => record?.type === 'subscription.disabled' && record.subscriptionId === subscriptionId);
  const viewStatus = async (id: string) => {
    const view = (await (await harness.delivery.asOperator('/v1/subscription-view')).json()) as { items: { id: string; status: string }[] };
    return view.items.find((item) => item.id === id)?.status;
  };
  const disabled = (id: string) =>
    pollUntil(`subscription ${id} is disabled in config-service and in the delivery-service view`, async () => {
      const { body } = await harness.client.get(`/v1/subscriptions/${id}`);
      return body.status === 'disabled' && (await viewStatus(id)) === 'disabled' && body;
    });

  it('komerce: 5 exhausted deliveries in a row disable it (4 do not); re-enabled, it delivers again', async () => {
    harness.receiver.answer({ status: 503 });
    const sub = await harness.subscribe({
      plugin: 'komerce',
      hook: 'order-status',
      url: `${harness.receiver.url}/komerce-streak`,
      errorEmails: ['ops@example.com'],
      // No retries: each 503 exhausts its delivery at once.
      retryPolicy: { delaysSeconds: [] },
    });

    for (let n = 1; n <= 4; n += 1) expect(await finalLog((await shipment(n)).id)).toMatchObject({ outcome: 'failed' });
    // The fourth failure is in the delivery log (config-service consumed it) and the subscription is still on.
    await pollUntil('4 failed deliveries in the log', async () => (await harness.client.get(`/v1/deliveries?subscriptionId=${sub.id}&status=failed`)).body.items.length === 4);
    expect((await harness.client.get(`/v1/subscriptions/${sub.id}`)).body).toMatchObject({ status: 'active', enabled: true });

    await finalLog((await shipment(5)).id);
    const subscription = await disabled(sub.id);
    expect(subscription).toMatchObject({ enabled: false, status: 'disabled', disabledReason: expect.stringContaining('5 deliveries failed in a row') });
    const [notice] = await pollUntil('one subscription.disabled notification', () => disabledNotices(sub.id).length > 0 && disabledNotices(sub.id));
    expect(notice).toMatchObject({ plugin: 'komerce', hook: 'order-status', vendorTitle: 'Komerce', subjectLabel: 'Order', recipients: ['ops@example.com'], reason: subscription.disabledReason });

    // Off: a new event is not sent. Re-enabled: the next one is, and old failures do not count again.
    const whileOff = await shipment(6);
    await harness.eventsHandled();
    harness.receiver.answer({ status: 200 });
    expect((await harness.client.patch(`/v1/subscriptions/${sub.id}`, { enabled: true })).body).toMatchObject({ status: 'active', enabled: true });
    await pollUntil('the delivery-service view has it active again', async () => (await viewStatus(sub.id)) === 'active');
    const afterwards = await shipment(7);
    expect(await finalLog(afterwards.id)).toMatchObject({ outcome: 'delivered' });
    expect(harness.parsed(harness.log, whileOff.id)).toEqual([]);
    expect(harness.receiver.at('/komerce-streak')).toHaveLength(6);
    expect(disabledNotices(sub.id)).toHaveLength(1);
  });

  it('any plugin: 410 Gone disables it at once, with the reason recorded and published', async () => {
    harness.receiver.answer({ status: 410 });
    const sub = await harness.subscribe({ plugin: 'komet', hook: 'order-confirmation', url: `${harness.receiver.url}/komet-gone`, errorEmails: ['sales@example.com'] });
    const event = await harness.publishEvent('order.confirmed', { companyId: 1, orderId: 77 });

    expect(await finalLog(event.id)).toMatchObject({ outcome: 'failed', response: { status: 410 } });
    const subscription = await disabled(sub.id);
    expect(subscription.disabledReason).toContain('410 Gone');
    const [notice] = await pollUntil('one subscription.disabled notification', () => disabledNotices(sub.id).length > 0 && disabledNotices(sub.id));
    expect(notice).toMatchObject({ tenantId: harness.tenantId, recipients: ['sales@example.com'], url: `${harness.receiver.url}/komet-gone` });
  });
});

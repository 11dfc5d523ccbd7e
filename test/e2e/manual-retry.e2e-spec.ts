import { randomUUID } from 'node:crypto';
import { type DeliveryAttemptRecordV1, deliveryId, type HookbusEvent, Topics } from '@hookbus/contracts';
import { pollUntil } from '@hookbus/testing';
import { DeliveryHarness } from '../support/delivery-harness';

const REJECTED = { status: 200, body: '{"status":"0","message":"Customer 42 is blocked in the ERP"}' };
const ACCEPTED = { status: 200, body: '{"status":"1","message":"Order reconfirmed in the ERP"}' };

describe.each(['sqlite', 'postgresql'] as const)('manual retry and recover: a failed delivery is sent again once its receiver is fixed (real processes, config-service on %s)', (database) => {
  let harness: DeliveryHarness;

  beforeAll(async () => {
    harness = await DeliveryHarness.start(`manual-retry-${database}`, undefined, database);
  });

  afterEach(() => harness.unsubscribeAll());
  afterAll(() => harness?.stop());

  /** Polls the delivery log until the delivery has `status`, and returns it. */
  const deliveryWithStatus = (id: string, status: string) =>
    pollUntil(`delivery ${id} is ${status}`, async () => {
      const { body } = await harness.client.get(`/v1/deliveries/${id}`);
      return body.status === status && body;
    });
  const failedDelivery = async (subscriptionId: string, type: string, data: unknown) => {
    const event = await harness.publishEvent(type, data);
    return deliveryWithStatus(deliveryId(event.id, subscriptionId), 'failed');
  };

  it('Komet: an order rejected with status 0 is reconfirmed after the ERP is fixed, with the same webhook-id; a second retry is refused', async () => {
    harness.receiver.answer(REJECTED);
    const sub = await harness.subscribe({ plugin: 'komet', hook: 'order-confirmation', url: `${harness.receiver.url}/reconfirm` });
    const failed = await failedDelivery(sub.id, 'order.confirmed', { companyId: 6316, orderId: 6908 });
    expect(failed.vendorMessage).toBe('Customer 42 is blocked in the ERP');
    expect(failed.retry).toEqual({ allowed: true });

    harness.receiver.answer(ACCEPTED);
    const retried = await harness.client.post(`/v1/deliveries/${failed.id}/retry`);
    expect(retried).toMatchObject({ status: 202, body: { deliveryId: failed.id, attempt: 2 } });
    // While it is under way (or once delivered), a second retry is refused rather than sent twice.
    expect((await harness.client.post(`/v1/deliveries/${failed.id}/retry`)).status).toBe(409);

    const delivered = await deliveryWithStatus(failed.id, 'delivered');
    expect(delivered.attempts.map((attempt: { n: number; outcome: string; vendorMessage?: string }) => [attempt.n, attempt.outcome, attempt.vendorMessage])).toEqual([
      [1, 'failed', 'Customer 42 is blocked in the ERP'],
      [2, 'delivered', 'Order reconfirmed in the ERP'],
    ]);
    // Komet shows the receiver's message on success too: the reconfirmation's replaces the refusal.
    expect(delivered.vendorMessage).toBe('Order reconfirmed in the ERP');
    const listed = await harness.client.get(`/v1/deliveries?subscriptionId=${sub.id}`);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: failed.id, status: 'delivered', vendorMessage: 'Order reconfirmed in the ERP' })]);
    const requests = harness.receiver.at('/reconfirm');
    expect(requests).toHaveLength(2);
    expect(requests[1].body).toBe(requests[0].body);
    expect(requests[1].headers['webhook-id']).toBe(failed.id);
    expect(requests[0].headers['webhook-id']).toBe(failed.id);

    const again = await harness.client.post(`/v1/deliveries/${failed.id}/retry`);
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain('it was delivered');
    expect((await harness.client.get(`/v1/deliveries/${failed.id}`)).body.retry).toEqual({ allowed: false, reason: 'it was delivered' });
  });

  it('postback: manual retry only for order.completed, transaction.approved, transaction.declined and refund.applied; others 409 with the reason', async () => {
    harness.receiver.answer({ status: 400 });
    const allowed = await harness.subscribe({ plugin: 'postback', hook: 'transaction.declined', url: `${harness.receiver.url}/pb-declined` });
    const refused = await harness.subscribe({ plugin: 'postback', hook: 'contact.created', url: `${harness.receiver.url}/pb-contact` });
    const declined = await failedDelivery(allowed.id, 'transaction.declined', { transactionId: 't-1' });
    const contact = await failedDelivery(refused.id, 'contact.created', { contactId: 'c-1' });

    // The delivery says so before anyone tries, by the same rule.
    expect(contact.retry).toEqual({ allowed: false, reason: 'postback allows manual retry only for order.completed, transaction.approved, transaction.declined, refund.applied, not contact.created' });
    expect(declined.retry).toEqual({ allowed: true });
    const no = await harness.client.post(`/v1/deliveries/${contact.id}/retry`);
    expect(no.status).toBe(409);
    expect(no.contentType).toContain('application/problem+json');
    expect(no.body.detail).toContain('postback allows manual retry only for order.completed, transaction.approved, transaction.declined, refund.applied, not contact.created');

    harness.receiver.answer({ status: 200 });
    expect((await harness.client.post(`/v1/deliveries/${declined.id}/retry`)).status).toBe(202);
    await deliveryWithStatus(declined.id, 'delivered');
    expect(harness.receiver.at('/pb-contact')).toHaveLength(1);
  });

  it('a disabled subscription is not retried until it is enabled again; an unknown delivery is 404', async () => {
    harness.receiver.answer(REJECTED);
    const sub = await harness.subscribe({ plugin: 'komet', hook: 'order-cancellation', url: `${harness.receiver.url}/off` });
    const failed = await failedDelivery(sub.id, 'order.cancelled', { companyId: 1, orderId: 3 });
    await harness.client.patch(`/v1/subscriptions/${sub.id}`, { enabled: false });

    const refused = await harness.client.post(`/v1/deliveries/${failed.id}/retry`);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('its subscription is disabled; enable it first');
    expect((await harness.client.get(`/v1/deliveries/${failed.id}`)).body.retry).toEqual({ allowed: false, reason: 'its subscription is disabled; enable it first' });
    expect((await harness.client.post('/v1/deliveries/dlv_nope/retry')).status).toBe(404);
  });

  it('retry and recover take a delivery stuck retrying (its retry lost) 15 minutes past its due time, not one just due', async () => {
    harness.receiver.answer(ACCEPTED);
    const sub = await harness.subscribe({ plugin: 'komet', hook: 'order-confirmation', url: `${harness.receiver.url}/stuck` });
    const since = new Date(Date.now() - 60 * 60_000).toISOString();
    /** What delivery-service logs for a failed attempt 1 whose retry is due at `dueAt`; no retry follows here. */
    const retrying = async (orderId: number, dueAt: Date) => {
      const event: HookbusEvent = { specversion: '1.0', id: randomUUID(), source: 'urn:hookbus:test', type: 'order.confirmed', time: new Date().toISOString(), subject: `order-${orderId}`, tenantid: harness.tenantId, data: { companyId: 6316, orderId } };
      const record: DeliveryAttemptRecordV1 = {
        deliveryId: deliveryId(event.id, sub.id),
        eventId: event.id,
        subscriptionId: sub.id,
        tenantId: harness.tenantId,
        subject: event.subject,
        plugin: 'komet',
        hook: 'order-confirmation',
        attempt: 1,
        at: new Date(dueAt.getTime() - 30_000).toISOString(),
        request: { method: 'POST', url: `${harness.receiver.url}/stuck`, headers: {}, body: JSON.stringify(event.data) },
        response: { status: 503, body: 'busy' },
        durationMs: 3,
        error: 'HTTP 503',
        outcome: 'retrying',
        dueAt: dueAt.toISOString(),
        // The event, which a retry by hand sends again.
        event,
      };
      await harness.bus.publish(Topics.deliveryLog.name, [{ key: record.deliveryId, value: JSON.stringify(record) }]);
      const delivery = await deliveryWithStatus(record.deliveryId, 'retrying');
      expect([delivery.dueAt, delivery.attempts[0].dueAt]).toEqual([record.dueAt, record.dueAt]);
      return delivery;
    };
    const stuck = await retrying(1, new Date(Date.now() - 20 * 60_000));
    const lost = await retrying(2, new Date(Date.now() - 16 * 60_000));
    const justDue = await retrying(3, new Date(Date.now() - 60_000));
    const listed = await harness.client.get(`/v1/deliveries?subscriptionId=${sub.id}&status=retrying`);
    expect(listed.body.items.map((item: { id: string; dueAt: string }) => [item.id, item.dueAt]).sort()).toEqual(
      [stuck, lost, justDue].map((delivery) => [delivery.id, delivery.dueAt]).sort(),
    );

    const refused = await harness.client.post(`/v1/deliveries/${justDue.id}/retry`);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain(`it is retrying, its next attempt due ${justDue.dueAt}; wait until it has ended, or until 15 minutes past that time`);
    expect(await harness.client.post(`/v1/deliveries/${stuck.id}/retry`)).toMatchObject({ status: 202, body: { deliveryId: stuck.id, attempt: 2 } });
    const until = new Date().toISOString();
    // `stuck` is under way already; of the others only `lost` is overdue enough.
    expect(await harness.client.post('/v1/deliveries/recover', { since, until, subscriptionId: sub.id })).toMatchObject({ status: 202, body: { retried: 1, skipped: {} } });

    for (const { id } of [stuck, lost]) {
      const delivered = await deliveryWithStatus(id, 'delivered');
      expect(delivered.attempts.map((attempt: { n: number; outcome: string }) => [attempt.n, attempt.outcome])).toEqual([[1, 'retrying'], [2, 'delivered']]);
      expect(delivered).not.toHaveProperty('dueAt');
    }
    expect(harness.receiver.at('/stuck').map((request) => request.headers['webhook-id']).sort()).toEqual([stuck.id, lost.id].sort());
    expect((await harness.client.get(`/v1/deliveries/${justDue.id}`)).body).toMatchObject({ status: 'retrying', dueAt: justDue.dueAt });
  });

  it('recover retries every failed delivery of the window, and only those', async () => {
    harness.receiver.answer(REJECTED);
    const sub = await harness.subscribe({ plugin: 'komet', hook: 'payment-cancellation', url: `${harness.receiver.url}/recover` });
    const since = new Date(Date.now() - 1_000).toISOString();
    const payment = (paymentId: number) => ({ companyId: 6316, paymentId, paymentNumber: String(paymentId) });
    const first = await failedDelivery(sub.id, 'payment.cancelled', payment(1));
    const second = await failedDelivery(sub.id, 'payment.cancelled', payment(2));
    harness.receiver.answer(ACCEPTED);
    const delivered = await harness.publishEvent('payment.cancelled', payment(3));
    await deliveryWithStatus(deliveryId(delivered.id, sub.id), 'delivered');
    const until = new Date(Date.now() + 1_000).toISOString();

    const invalid = await harness.client.post('/v1/deliveries/recover', { since: until, until: since });
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(invalid.body)).toContain('until');
    const empty = await harness.client.post('/v1/deliveries/recover', { since: '2020-01-01T00:00:00Z', until: since, subscriptionId: sub.id });
    expect(empty).toMatchObject({ status: 202, body: { retried: 0, skipped: {} } });

    const recovered = await harness.client.post('/v1/deliveries/recover', { since, until, subscriptionId: sub.id });
    expect(recovered).toMatchObject({ status: 202, body: { retried: 2, skipped: {} } });
    await deliveryWithStatus(first.id, 'delivered');
    await deliveryWithStatus(second.id, 'delivered');
    expect(harness.receiver.at('/recover')).toHaveLength(5);
  });
});

import { deliveryId } from '@hookbus/contracts';
import { pollUntil } from '@hookbus/testing';
import { Webhook } from 'standardwebhooks';
import { DeliveryHarness } from '../support/delivery-harness';
import type { ReceivedRequest } from '../support/webhook-receiver';

const path = (label: string) => `/${label}-${Math.random().toString(36).slice(2, 8)}`;
const verify = (secret: string, request: ReceivedRequest) =>
  new Webhook(secret).verify(request.body, request.headers as Record<string, string>);

describe('delivery-service sends each vendor dialect byte for byte, signed (real broker, real HTTP)', () => {
  let harness: DeliveryHarness;

  beforeAll(async () => {
    harness = await DeliveryHarness.start('delivery-dialects');
  });

  afterEach(() => harness.unsubscribeAll());
  afterAll(() => harness?.stop());

  const arrived = async (at: string) => {
    await pollUntil(`the receiver got a request at ${at}`, () => harness.receiver.at(at).length > 0);
    return harness.receiver.at(at)[0];
  };
  const expectSigned = (request: ReceivedRequest, secret: string, id: string) => {
    expect(request.headers['webhook-id']).toBe(id);
    expect(request.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(() => verify(secret, request)).not.toThrow();
  };

  it('komet order.confirmed: POST JSON with the authenticationToken header; logged delivered with secrets masked', async () => {
    const at = path('komet');
    harness.receiver.answer((request) => (request.url === at ? { status: 200, body: '{"status":"1","message":"ok"}' } : { status: 200 }));
    const sub = await harness.subscribe({ plugin: 'komet', hook: 'order-confirmation', url: `${harness.receiver.url}${at}`, auth: { type: 'token', token: 'tok-123' } });
    const event = await harness.publishEvent('order.confirmed', { companyId: 6316, orderId: 6908 });

    const request = await arrived(at);
    expect(request).toMatchObject({ method: 'POST', url: at, body: '{"companyId":6316,"orderId":6908}' });
    expect(request.headers).toMatchObject({ 'content-type': 'application/json', accept: 'application/json', authenticationtoken: 'tok-123' });
    expectSigned(request, sub.signingSecret, deliveryId(event.id, sub.id));

    const [log] = await harness.records(harness.log, event.id);
    expect(log).toMatchObject({ deliveryId: deliveryId(event.id, sub.id), subscriptionId: sub.id, tenantId: harness.tenantId, subject: event.subject, plugin: 'komet', hook: 'order-confirmation', attempt: 1, outcome: 'delivered' });
    expect(log.request).toMatchObject({ method: 'POST', url: `${harness.receiver.url}${at}`, body: '{"companyId":6316,"orderId":6908}' });
    expect(log.request.headers).toMatchObject({ authenticationToken: '********', 'webhook-signature': '********', 'webhook-id': deliveryId(event.id, sub.id) });
    expect(log.response).toEqual({ status: 200, body: '{"status":"1","message":"ok"}' });
  });

  it('komet payment.cancelled: orderIds as a comma-separated string, Basic auth', async () => {
    const at = path('komet-pay');
    harness.receiver.answer({ status: 200, body: '{"status":1}' });
    const sub = await harness.subscribe({ plugin: 'komet', hook: 'payment-cancellation', url: `${harness.receiver.url}${at}`, auth: { type: 'basic', username: 'erp', password: 'pw' } });
    const event = await harness.publishEvent('payment.cancelled', { companyId: 6316, paymentId: 222125, paymentNumber: '2271', orderIds: [17899, 17900] });

    const request = await arrived(at);
    expect(request.body).toBe('{"companyId":6316,"paymentId":222125,"paymentNumber":"2271","orderIds":"17899,17900"}');
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from('erp:pw').toString('base64')}`);
    expectSigned(request, sub.signingSecret, deliveryId(event.id, sub.id));
    expect((await harness.records(harness.log, event.id))[0].request.headers.Authorization).toBe('********');
  });

  it('komerce: PUT {order_no, cnote, status} with a Bearer token', async () => {
    const at = path('komerce');
    harness.receiver.answer({ status: 200 });
    const sub = await harness.subscribe({ plugin: 'komerce', hook: 'order-status', method: 'PUT', url: `${harness.receiver.url}${at}`, auth: { type: 'bearer', token: 'b-1' } });
    const event = await harness.publishEvent('shipment.status_changed', { orderNo: 'KOM-1', awb: 'JNE123', status: 'Dikirim' });

    const request = await arrived(at);
    expect(request).toMatchObject({ method: 'PUT', url: at, body: '{"order_no":"KOM-1","cnote":"JNE123","status":"Dikirim"}' });
    expect(request.headers).toMatchObject({ 'content-type': 'application/json', authorization: 'Bearer b-1' });
    expectSigned(request, sub.signingSecret, deliveryId(event.id, sub.id));
    expect((await harness.records(harness.log, event.id))[0].outcome).toBe('delivered');
  });

  it('postback: {"id","event","occurredAt","source","data"} in that order, only for the linked sources', async () => {
    const at = path('postback');
    harness.receiver.answer({ status: 204 });
    const sub = await harness.subscribe({ plugin: 'postback', hook: 'order.completed', url: `${harness.receiver.url}${at}`, settings: { sources: ['shop'] } });
    const ignored = await harness.publishEvent('order.completed', { total: 1 }, { origin: 'admin', subject: 'same' });
    const event = await harness.publishEvent('order.completed', { total: 12.5, items: [1] }, { origin: 'shop', subject: 'same' });

    const request = await arrived(at);
    expect(request.method).toBe('POST');
    expect(request.body).toBe(JSON.stringify({ id: event.id, event: 'order.completed', occurredAt: event.time, source: 'shop', data: { total: 12.5, items: [1] } }));
    expectSigned(request, sub.signingSecret, deliveryId(event.id, sub.id));
    await harness.records(harness.log, event.id);
    expect(harness.receiver.at(at)).toHaveLength(1);
    expect(harness.parsed(harness.log, ignored.id)).toEqual([]);
  });
});

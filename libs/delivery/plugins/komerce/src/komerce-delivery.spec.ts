import { RenderError, type DeliveryOutcome, type Subscription } from '@hookbus/delivery-sdk';
import { runPluginConformance, testEvent } from '@hookbus/delivery-sdk/testing';
import { classifyKomerce, komercePlugin } from './komerce.plugin';

type Settings = { deactivateAfterFailures: number };
const subscription = (overrides: Partial<Subscription<Settings>> = {}): Subscription<Settings> => ({
  plugin: 'komerce',
  hook: 'order-status',
  url: 'https://shop.example/komerce/webhook',
  method: 'POST',
  enabled: true,
  auth: { type: 'none' },
  errorEmails: [],
  settings: { deactivateAfterFailures: 5 },
  ...overrides,
});
const context = { deliveryId: 'dlv_1', attempt: 1 };
const shipped = testEvent('shipment.status_changed', { orderNo: 'KOM-2025-0042', awb: 'JNE0123456789', status: 'Dikirim', courier: 'jne' });

describe('komerce render', () => {
  it('sends exactly {"order_no","cnote","status"}', () => {
    expect(komercePlugin.render(shipped, subscription(), context)).toEqual({
      method: 'POST',
      url: 'https://shop.example/komerce/webhook',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: '{"order_no":"KOM-2025-0042","cnote":"JNE0123456789","status":"Dikirim"}',
      secretHeaders: [],
    });
  });

  it.each(['Diajukan', 'Dijemput', 'Dibatalkan', 'Selesai', 'Retur "ke" gudang'])('passes status %j through', (status) => {
    const event = testEvent('shipment.status_changed', { orderNo: 'A', awb: 'B', status });
    expect(komercePlugin.render(event, subscription(), context).body).toBe(`{"order_no":"A","cnote":"B","status":${JSON.stringify(status)}}`);
  });

  it('uses PUT when the subscription says so', () => {
    expect(komercePlugin.render(shipped, subscription({ method: 'PUT' }), context).method).toBe('PUT');
  });

  it('adds Basic or Bearer auth as a secret header', () => {
    const basic = komercePlugin.render(shipped, subscription({ auth: { type: 'basic', username: 'shop', password: 'pw' } }), context);
    expect(basic.headers).toEqual({ 'Content-Type': 'application/json', Accept: 'application/json', Authorization: 'Basic c2hvcDpwdw==' });
    expect(basic.secretHeaders).toEqual(['Authorization']);
    const bearer = komercePlugin.render(shipped, subscription({ auth: { type: 'bearer', token: 'tk' } }), context);
    expect(bearer.headers['Authorization']).toBe('Bearer tk');
  });

  it('refuses an event without an awb', () => {
    const event = testEvent('shipment.status_changed', { orderNo: 'A', status: 'Dikirim' });
    expect(() => komercePlugin.render(event, subscription(), context)).toThrow(RenderError);
  });
});

describe('komerce classify', () => {
  const response = (status: number, headers: Record<string, string> = {}): DeliveryOutcome => ({ kind: 'response', status, headers, body: '' });

  it('counts only 200 as received', () => {
    expect(classifyKomerce(response(200))).toEqual({ result: 'delivered' });
  });

  it.each([201, 202, 204])('retries %d: Komerce wants a 200', (status) => {
    expect(classifyKomerce(response(status))).toEqual({ result: 'retry', reason: `HTTP ${status}: Komerce counts only 200 as received` });
  });

  it.each([301, 400, 401, 403, 404, 422])('retries %d too: every failure is retried', (status) => {
    expect(classifyKomerce(response(status))).toEqual({ result: 'retry', reason: `HTTP ${status}: Komerce counts only 200 as received` });
  });

  it.each([408, 429, 500, 503])('retries %d', (status) => {
    expect(classifyKomerce(response(status))).toEqual({ result: 'retry', reason: `HTTP ${status}` });
  });

  it('honours Retry-After', () => {
    expect(classifyKomerce(response(503, { 'retry-after': '90' }))).toEqual({ result: 'retry', reason: 'HTTP 503', retryAfterMs: 90_000 });
  });

  it('fails 410 at once as gone, which deactivates the subscription', () => {
    expect(classifyKomerce(response(410))).toEqual({ result: 'failed', reason: 'HTTP 410 Gone', gone: true });
  });

  it.each(['timeout', 'connection', 'dns', 'tls', 'protocol'] as const)('retries a %s', (error) => {
    expect(classifyKomerce({ kind: 'error', error, message: 'm' })).toEqual({ result: 'retry', reason: `${error}: m` });
  });

  it('fails a refused destination at once', () => {
    expect(classifyKomerce({ kind: 'error', error: 'ssrf_refused', message: 'm' })).toEqual({ result: 'failed', reason: 'ssrf_refused: m' });
  });
});

runPluginConformance(komercePlugin, [
  { name: 'status change, POST, no auth', event: shipped, subscription: subscription() },
  { name: 'status change, PUT, basic', event: shipped, subscription: subscription({ method: 'PUT', auth: { type: 'basic', username: 'u', password: 'p4ss' } }) },
]);

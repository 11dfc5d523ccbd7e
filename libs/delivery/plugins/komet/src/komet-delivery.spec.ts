import { RenderError, type DeliveryOutcome, type Subscription } from '@hookbus/delivery-sdk';
import { runPluginConformance, testEvent } from '@hookbus/delivery-sdk/testing';
import { classifyKomet, kometPlugin } from './komet.plugin';

const subscription = (hook: string, auth: Subscription['auth'] = { type: 'none' }): Subscription<Record<string, never>> => ({
  plugin: 'komet',
  hook,
  url: 'https://erp.example/komet/hooks?src=hookbus',
  method: 'POST',
  enabled: true,
  auth,
  errorEmails: ['ops@erp.example'],
  settings: {},
});
const context = { deliveryId: 'dlv_1', attempt: 1 };
const confirmed = testEvent('order.confirmed', { companyId: 6316, orderId: 6908 });
const cancelled = testEvent('order.cancelled', { companyId: 6316, orderId: 6908, reason: 'ignored' });
const payment = (extra: object = {}) => testEvent('payment.cancelled', { companyId: 6316, paymentId: 222125, paymentNumber: '2271', ...extra });
const bodyOf = (event = confirmed, hook = 'order-confirmation') => kometPlugin.render(event, subscription(hook), context).body;

describe('komet render', () => {
  it('sends order confirmation and cancellation as exactly {"companyId","orderId"}', () => {
    expect(bodyOf(confirmed)).toBe('{"companyId":6316,"orderId":6908}');
    expect(bodyOf(cancelled, 'order-cancellation')).toBe('{"companyId":6316,"orderId":6908}');
  });

  it('writes int64 digit strings as JSON numbers without losing a digit', () => {
    const big = testEvent('order.confirmed', { companyId: '6316', orderId: '9223372036854775807' });
    expect(bodyOf(big)).toBe('{"companyId":6316,"orderId":9223372036854775807}');
  });

  it('sends a payment cancellation without order ids as three fields', () => {
    expect(bodyOf(payment(), 'payment-cancellation')).toBe('{"companyId":6316,"paymentId":222125,"paymentNumber":"2271"}');
    expect(bodyOf(payment({ orderIds: [] }), 'payment-cancellation')).toBe('{"companyId":6316,"paymentId":222125,"paymentNumber":"2271"}');
  });

  it('adds the order ids as one comma-separated string', () => {
    expect(bodyOf(payment({ orderIds: [17899, 17900] }), 'payment-cancellation')).toBe(
      '{"companyId":6316,"paymentId":222125,"paymentNumber":"2271","orderIds":"17899,17900"}',
    );
    expect(bodyOf(payment({ orderIds: [5] }), 'payment-cancellation')).toBe('{"companyId":6316,"paymentId":222125,"paymentNumber":"2271","orderIds":"5"}');
  });

  it('escapes the payment number as a JSON string', () => {
    expect(bodyOf(payment({ paymentNumber: 'A"7\\ü' }), 'payment-cancellation')).toBe('{"companyId":6316,"paymentId":222125,"paymentNumber":"A\\"7\\\\ü"}');
  });

  it('POSTs JSON to the subscription URL with no auth header by default', () => {
    expect(kometPlugin.render(confirmed, subscription('order-confirmation'), context)).toEqual({
      method: 'POST',
      url: 'https://erp.example/komet/hooks?src=hookbus',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: '{"companyId":6316,"orderId":6908}',
      secretHeaders: [],
    });
  });

  it.each([
    [{ type: 'token', token: 'k-50' }, { authenticationToken: 'k-50' }, 'authenticationToken'],
    [{ type: 'basic', username: 'erp', password: 'pw' }, { Authorization: 'Basic ZXJwOnB3' }, 'Authorization'],
    [{ type: 'bearer', token: 'jwt' }, { Authorization: 'Bearer jwt' }, 'Authorization'],
  ] as const)('authenticates with %j', (auth, header, secret) => {
    const request = kometPlugin.render(confirmed, subscription('order-confirmation', auth), context);
    expect(request.headers).toEqual({ 'Content-Type': 'application/json', Accept: 'application/json', ...header });
    expect(request.secretHeaders).toEqual([secret]);
  });

  it('refuses an event it does not deliver, or one missing its ids', () => {
    expect(() => kometPlugin.render(testEvent('order.closed', {}), subscription('order-confirmation'), context)).toThrow(RenderError);
    expect(() => bodyOf(testEvent('order.confirmed', { companyId: 6316 }))).toThrow(/data\.orderId/);
  });
});

describe('komet classify', () => {
  const reply = (status: number, body: unknown, headers: Record<string, string> = {}): DeliveryOutcome => ({
    kind: 'response',
    status,
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const rejected = 'rejected by the external system (status 0)';

  it.each([
    [{ status: 1 }],
    [{ status: true }],
    [''],
    ['OK'],
    [{ status: 'maybe' }],
    [[1]],
  ])('delivers a 2xx reply %j', (body) => {
    expect(classifyKomet(reply(200, body))).toEqual({ result: 'delivered' });
    expect(classifyKomet(reply(204, body))).toEqual({ result: 'delivered' });
  });

  // Komet Sales shows the receiver's message on success too ("<<Custom Success Message>>").
  it.each([
    [{ status: '1', message: 'Order 6908 synchronised' }, 'Order 6908 synchronised'],
    [{ status: true, error: ' imported as draft ' }, 'imported as draft'],
    [{ message: 'no status' }, 'no status'],
  ])('delivers a 2xx reply %j, keeping its message', (body, vendorMessage) => {
    expect(classifyKomet(reply(200, body))).toEqual({ result: 'delivered', vendorMessage });
  });

  it.each([
    [{ status: '0', message: 'Order 6908 unknown' }, 'Order 6908 unknown'],
    [{ status: 0, error: 'Company mismatch' }, 'Company mismatch'],
    [{ status: false, message: '  both  ', error: 'ignored' }, 'both'],
  ])('fails status 0 %j without retrying, keeping the message', (body, vendorMessage) => {
    expect(classifyKomet(reply(200, body))).toEqual({ result: 'failed', reason: rejected, vendorMessage });
  });

  it('fails status 0 without a message too', () => {
    expect(classifyKomet(reply(200, { status: '0' }))).toEqual({ result: 'failed', reason: rejected });
    expect(classifyKomet(reply(200, { status: '0', message: 'x'.repeat(5000) }))).toMatchObject({ vendorMessage: 'x'.repeat(1000) });
  });

  it.each([408, 429, 500, 502, 503, 504])('retries HTTP %d, even with a status-0 body', (status) => {
    expect(classifyKomet(reply(status, { status: '0', message: 'busy' }))).toEqual({ result: 'retry', reason: `HTTP ${status}` });
  });

  it('honours Retry-After', () => {
    expect(classifyKomet(reply(429, '', { 'retry-after': '60' }))).toEqual({ result: 'retry', reason: 'HTTP 429', retryAfterMs: 60_000 });
  });

  it.each(['timeout', 'connection', 'dns', 'tls', 'protocol'] as const)('retries a %s', (error) => {
    expect(classifyKomet({ kind: 'error', error, message: 'm' })).toEqual({ result: 'retry', reason: `${error}: m` });
  });

  it('fails a refused destination at once', () => {
    expect(classifyKomet({ kind: 'error', error: 'ssrf_refused', message: 'm' })).toEqual({ result: 'failed', reason: 'ssrf_refused: m' });
  });

  it('fails 410 as gone', () => {
    expect(classifyKomet(reply(410, ''))).toEqual({ result: 'failed', reason: 'HTTP 410 Gone', gone: true });
  });

  it("fails other codes at once, with the reply's message when there is one", () => {
    expect(classifyKomet(reply(401, { status: 0, message: 'bad token' }))).toEqual({ result: 'failed', reason: 'HTTP 401', vendorMessage: 'bad token' });
    expect(classifyKomet(reply(404, '<html>Not found</html>'))).toEqual({ result: 'failed', reason: 'HTTP 404' });
    expect(classifyKomet(reply(302, ''))).toEqual({ result: 'failed', reason: 'HTTP 302' });
  });

  it('is the plugin classifier', () => {
    expect(kometPlugin.classify(reply(200, { status: '0' }), { ...context, event: confirmed, subscription: subscription('order-confirmation') })).toEqual({
      result: 'failed',
      reason: rejected,
    });
  });
});

runPluginConformance(kometPlugin, [
  { name: 'order confirmation, no auth', event: confirmed, subscription: subscription('order-confirmation') },
  { name: 'order cancellation, token', event: cancelled, subscription: subscription('order-cancellation', { type: 'token', token: 't0k3n' }) },
  {
    name: 'payment cancellation with orders, basic',
    event: payment({ orderIds: [17899, 17900] }),
    subscription: subscription('payment-cancellation', { type: 'basic', username: 'erp', password: 's3cret' }),
  },
  { name: 'payment cancellation, bearer', event: payment(), subscription: subscription('payment-cancellation', { type: 'bearer', token: 'jwt.x.y' }) },
]);

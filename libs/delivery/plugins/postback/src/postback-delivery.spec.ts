import { NOTIFICATION_EVENT_TYPES, type Origin } from '@hookbus/contracts';
import { RenderError, type DeliveryOutcome, type Subscription } from '@hookbus/delivery-sdk';
import { runPluginConformance, testEvent } from '@hookbus/delivery-sdk/testing';
import { classifyPostback, matchesPostbackSources, POSTBACK_TIMEOUT_MS, postbackPlugin, type PostbackSettings } from './postback.plugin';

const ALL: Origin[] = ['admin', 'shop', 'funnel'];
const subscription = (hook: string, sources = ALL, auth: Subscription['auth'] = { type: 'none' }): Subscription<PostbackSettings> => ({
  plugin: 'postback',
  hook,
  url: 'https://crm.example/postback/7',
  method: 'POST',
  enabled: true,
  auth,
  errorEmails: [],
  settings: { sources },
});
const context = { deliveryId: 'dlv_1', attempt: 1 };
const completed = testEvent(
  'order.completed',
  { orderId: 'o-991', total: 49.9, items: [{ sku: 'A', qty: 1 }] },
  { id: 'evt_7', origin: 'funnel', time: '2025-03-14T10:26:53+01:00' },
);

describe('postback render', () => {
  it('POSTs exactly {"id","event","occurredAt","source","data"}', () => {
    expect(postbackPlugin.render(completed, subscription('order.completed'), context)).toEqual({
      method: 'POST',
      url: 'https://crm.example/postback/7',
      headers: { 'Content-Type': 'application/json' },
      body:
        '{"id":"evt_7","event":"order.completed","occurredAt":"2025-03-14T10:26:53+01:00","source":"funnel",' +
        '"data":{"orderId":"o-991","total":49.9,"items":[{"sku":"A","qty":1}]}}',
      secretHeaders: [],
    });
  });

  it('sends "source":null for an event without origin', () => {
    const event = testEvent('contact.created', { email: 'a@b.c' }, { id: 'evt_8' });
    expect(postbackPlugin.render(event, subscription('contact.created'), context).body).toBe(
      '{"id":"evt_8","event":"contact.created","occurredAt":"2025-03-14T09:26:53.589Z","source":null,"data":{"email":"a@b.c"}}',
    );
  });

  it('adds Bearer auth as a secret header', () => {
    const request = postbackPlugin.render(completed, subscription('order.completed', undefined, { type: 'bearer', token: 'tk' }), context);
    expect(request.headers).toEqual({ 'Content-Type': 'application/json', Authorization: 'Bearer tk' });
    expect(request.secretHeaders).toEqual(['Authorization']);
  });

  it('refuses an event that is not a notification', () => {
    expect(() => postbackPlugin.render(testEvent('order.confirmed', {}), subscription('order.completed'), context)).toThrow(RenderError);
  });

  it('waits 30 s', () => {
    expect(postbackPlugin.timeoutMs).toBe(POSTBACK_TIMEOUT_MS);
  });
});

describe('postback matches', () => {
  it.each([
    ['shop', ['shop'], true],
    ['shop', ['admin', 'shop'], true],
    ['funnel', ['admin', 'shop'], false],
    ['admin', ['funnel'], false],
  ] as const)('an event from %s on a link for %j: %s', (origin, sources, expected) => {
    expect(matchesPostbackSources({ ...completed, origin }, subscription('order.completed', [...sources]))).toBe(expected);
  });

  it('an event without origin reaches only links that take every source', () => {
    const event = testEvent('order.completed', {});
    expect(matchesPostbackSources(event, subscription('order.completed', ['funnel', 'admin', 'shop']))).toBe(true);
    expect(matchesPostbackSources(event, subscription('order.completed', ['admin', 'shop']))).toBe(false);
  });
});

describe('postback classify', () => {
  const response = (status: number, headers: Record<string, string> = {}): DeliveryOutcome => ({ kind: 'response', status, headers, body: 'x' });

  it.each([200, 201, 204])('delivers %d', (status) => {
    expect(classifyPostback(response(status))).toEqual({ result: 'delivered' });
  });

  it.each([408, 429, 500, 501, 503, 599])('retries %d', (status) => {
    expect(classifyPostback(response(status))).toEqual({ result: 'retry', reason: `HTTP ${status}` });
  });

  it('honours Retry-After', () => {
    expect(classifyPostback(response(429, { 'retry-after': '5' }))).toEqual({ result: 'retry', reason: 'HTTP 429', retryAfterMs: 5_000 });
  });

  it.each([301, 400, 401, 403, 404, 409, 422])('fails %d at once', (status) => {
    expect(classifyPostback(response(status))).toEqual({ result: 'failed', reason: `HTTP ${status}` });
  });

  it('fails 410 as gone', () => {
    expect(classifyPostback(response(410))).toEqual({ result: 'failed', reason: 'HTTP 410 Gone', gone: true });
  });

  it('fails a timeout without retrying', () => {
    expect(classifyPostback({ kind: 'error', error: 'timeout', message: 'aborted' })).toEqual({ result: 'failed', reason: 'timeout: no response within 30 s' });
  });

  it.each(['connection', 'dns', 'tls', 'protocol', 'ssrf_refused'] as const)('fails a %s error: only 408, 429 and 5xx earn a retry', (error) => {
    expect(classifyPostback({ kind: 'error', error, message: 'm' })).toEqual({ result: 'failed', reason: `${error}: m` });
  });
});

// Every notification event; odd ones on links for every source, even ones on their own origin only.
runPluginConformance(
  postbackPlugin,
  NOTIFICATION_EVENT_TYPES.map((type, index) => {
    const origin = ALL[index % 3];
    const auth: Subscription['auth'] = index === 3 ? { type: 'basic', username: 'u', password: 'p' } : { type: 'none' };
    return { name: type, event: testEvent(type, { n: index }, { origin }), subscription: subscription(type, index % 2 ? ALL : [origin], auth) };
  }),
);

import { NOTHING_ALLOW_LISTED, type Subscription, validateSubscription } from '@hookbus/delivery-sdk';
import { runPluginConformance, testEvent } from '@hookbus/delivery-sdk/testing';
import type { z } from 'zod';
import { WEBHOOK_RETRY_DELAYS_SECONDS, webhookPlugin, type webhookSettingsSchema } from './webhook.plugin';

type Settings = z.output<typeof webhookSettingsSchema>;
const subscription = (settings: Partial<Settings> = {}, overrides: Partial<Subscription<Settings>> = {}): Subscription<Settings> => ({
  plugin: 'webhook',
  hook: 'events',
  url: 'https://receiver.example/webhook',
  method: 'POST',
  enabled: true,
  auth: { type: 'none' },
  errorEmails: [],
  settings: { eventTypes: ['order.*'], mode: 'structured', ...settings },
  ...overrides,
});
const confirmed = testEvent('order.confirmed', { companyId: 6316, orderId: 6908 }, { id: 'evt_1' });
const shipment = testEvent('shipment.status_changed', { orderNo: 'KOM-1', awb: 'JNE1', status: 'Dikirim' }, { id: 'evt_2' });

describe('webhook settings', () => {
  const rulesOf = (settings: unknown, extra: object = {}) => {
    const input = { plugin: 'webhook', hook: 'events', url: 'https://receiver.example/webhook', settings, ...extra };
    const result = validateSubscription(webhookPlugin, input, NOTHING_ALLOW_LISTED);
    return result.ok ? [] : result.issues.map(({ field, rule }) => ({ field, rule }));
  };

  it('take event types and patterns, structured by default', () => {
    const result = validateSubscription(webhookPlugin, { plugin: 'webhook', hook: 'events', url: 'https://r.example/', settings: { eventTypes: ['order.*', 'refund.applied'] } }, NOTHING_ALLOW_LISTED);
    expect(result).toEqual({ ok: true, value: expect.objectContaining({ method: 'POST', settings: { eventTypes: ['order.*', 'refund.applied'], mode: 'structured' } }) });
    expect(rulesOf({ eventTypes: ['payment.cancelled'], mode: 'binary' })).toEqual([]);
  });

  it.each([
    [{}, 'settings.eventTypes', 'invalid_type'],
    [{ eventTypes: [] }, 'settings.eventTypes', 'too_small'],
    [{ eventTypes: ['order.shipped'] }, 'settings.eventTypes.0', 'unknown_event_type'],
    [{ eventTypes: ['order.*', 'order.*'] }, 'settings.eventTypes.1', 'duplicate'],
    [{ eventTypes: ['order.*'], mode: 'batch' }, 'settings.mode', 'invalid_value'],
    [{ eventTypes: ['order.*'], format: 'json' }, 'settings.format', 'unrecognized_keys'],
  ])('refuse %j, naming the field and the rule', (settings, field, rule) => {
    expect(rulesOf(settings)).toEqual([{ field, rule }]);
  });

  it('allow no auth, Basic or Bearer, and POST only', () => {
    expect(rulesOf({ eventTypes: ['order.*'] }, { auth: { type: 'basic', username: 'u', password: 'p' } })).toEqual([]);
    expect(rulesOf({ eventTypes: ['order.*'] }, { auth: { type: 'token', token: 't' } })).toEqual([{ field: 'auth.type', rule: 'auth_type_not_allowed' }]);
    expect(rulesOf({ eventTypes: ['order.*'] }, { method: 'PUT' })).toEqual([{ field: 'method', rule: 'method_not_allowed' }]);
  });

  it('retry 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h by default, replaceable by at most as many delays', () => {
    expect(WEBHOOK_RETRY_DELAYS_SECONDS).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000]);
    expect(rulesOf({ eventTypes: ['order.*'] }, { retryPolicy: { delaysSeconds: [1, 1, 1, 1, 1, 1, 1] } })).toEqual([]);
    expect(rulesOf({ eventTypes: ['order.*'] }, { retryPolicy: { delaysSeconds: Array(8).fill(1) } })).toEqual([
      { field: 'retryPolicy.delaysSeconds', rule: 'too_many_retries' },
    ]);
  });
});

describe('webhook routing', () => {
  it('takes every event type on its one hook, and matches only those the subscription picks', () => {
    expect(webhookPlugin.hooks).toHaveLength(1);
    expect(webhookPlugin.hooks[0].eventTypes).toContain('shipment.status_changed');
    expect(webhookPlugin.matches?.(confirmed, subscription())).toBe(true);
    expect(webhookPlugin.matches?.(shipment, subscription())).toBe(false);
    expect(webhookPlugin.matches?.(shipment, subscription({ eventTypes: ['order.confirmed', 'shipment.status_changed'] }))).toBe(true);
  });
});

describe('webhook classify', () => {
  const verdict = (status: number, headers: Record<string, string> = {}) =>
    webhookPlugin.classify({ kind: 'response', status, headers, body: '' }, { event: confirmed, subscription: subscription(), deliveryId: 'dlv_1', attempt: 1 });

  it.each([200, 201, 202, 204, 299])('delivers on %i', (status) => expect(verdict(status).result).toBe('delivered'));
  it.each([408, 429, 500, 503])('retries on %i', (status) => expect(verdict(status).result).toBe('retry'));
  it.each([301, 400, 401, 404])('fails at once on %i', (status) => expect(verdict(status)).toEqual({ result: 'failed', reason: `HTTP ${status}` }));

  it('fails and disables on 410', () => expect(verdict(410)).toMatchObject({ result: 'failed', gone: true }));
  it('honours Retry-After', () => expect(verdict(429, { 'retry-after': '120' })).toMatchObject({ result: 'retry', retryAfterMs: 120_000 }));
});

runPluginConformance(webhookPlugin, [
  { name: 'structured, order.*', event: confirmed, subscription: subscription() },
  { name: 'binary, exact type, Bearer', event: shipment, subscription: subscription({ eventTypes: ['shipment.status_changed'], mode: 'binary' }, { auth: { type: 'bearer', token: 'sekr3t-token' } }) },
  {
    name: 'structured, Basic',
    event: testEvent('refund.applied', { amount: 10 }),
    subscription: subscription({ eventTypes: ['refund.*'] }, { auth: { type: 'basic', username: 'shop', password: 'pa55word' } }),
  },
]);

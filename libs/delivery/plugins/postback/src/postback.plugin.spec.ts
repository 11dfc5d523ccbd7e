import { NOTIFICATION_EVENT_TYPES } from '@hookbus/contracts';
import { NOTHING_ALLOW_LISTED, validateSubscription } from '@hookbus/delivery-sdk';
import { MANUAL_RETRY_EVENTS, POSTBACK_TIMEOUT_MS, postbackPlugin } from './postback.plugin';

const validate = (input: unknown) => validateSubscription(postbackPlugin, input, NOTHING_ALLOW_LISTED);
const base = { plugin: 'postback', hook: 'order.completed', url: 'https://crm.example/postback' };
const rulesOf = (input: unknown) => {
  const result = validate(input);
  return result.ok ? [] : result.issues.map(({ field, rule }) => ({ field, rule }));
};

describe('postbackPlugin', () => {
  it('has one hook per notification event, named after it', () => {
    expect(postbackPlugin.hooks).toHaveLength(10);
    expect(postbackPlugin.hooks).toEqual(NOTIFICATION_EVENT_TYPES.map((type) => ({ name: type, eventTypes: [type] })));
  });

  it.each(NOTIFICATION_EVENT_TYPES)('accepts hook %s', (hook) => {
    expect(rulesOf({ ...base, hook })).toEqual([]);
  });

  it('refuses a non-notification hook', () => {
    expect(rulesOf({ ...base, hook: 'order.confirmed' })).toEqual([{ field: 'hook', rule: 'unknown_hook' }]);
  });

  it('is POST only', () => {
    expect(validate(base)).toEqual({ ok: true, value: expect.objectContaining({ method: 'POST' }) });
    expect(rulesOf({ ...base, method: 'PUT' })).toEqual([{ field: 'method', rule: 'method_not_allowed' }]);
  });

  it('accepts none, basic and bearer auth but not the Komet token', () => {
    expect(rulesOf({ ...base, auth: { type: 'bearer', token: 't' } })).toEqual([]);
    expect(rulesOf({ ...base, auth: { type: 'token', token: 't' } })).toEqual([{ field: 'auth.type', rule: 'auth_type_not_allowed' }]);
  });

  describe('sources', () => {
    it('defaults to all three origins', () => {
      expect(validate(base)).toEqual({
        ok: true,
        value: expect.objectContaining({ settings: { sources: ['admin', 'shop', 'funnel'] } }),
      });
    });

    it('accepts any non-empty subset', () => {
      expect(rulesOf({ ...base, settings: { sources: ['funnel'] } })).toEqual([]);
      expect(rulesOf({ ...base, settings: { sources: ['shop', 'admin'] } })).toEqual([]);
    });

    it.each([
      [[], 'settings.sources', 'too_small'],
      [['shop', 'shop'], 'settings.sources.1', 'duplicate'],
      [['store'], 'settings.sources.0', 'invalid_value'],
      ['shop', 'settings.sources', 'invalid_type'],
    ])('refuses %j', (sources, field, rule) => {
      expect(rulesOf({ ...base, settings: { sources } })).toEqual([{ field, rule }]);
    });

    it('refuses other settings', () => {
      expect(rulesOf({ ...base, settings: { timeoutMs: 5000 } })).toEqual([{ field: 'settings.timeoutMs', rule: 'unrecognized_keys' }]);
    });
  });

  it('retries at most 3 times, with a fixed 30 s timeout', () => {
    expect(postbackPlugin.retry.delaysSeconds).toHaveLength(3);
    expect(POSTBACK_TIMEOUT_MS).toBe(30_000);
    expect(rulesOf({ ...base, retryPolicy: { delaysSeconds: [5, 5, 5, 5] } })).toEqual([
      { field: 'retryPolicy.delaysSeconds', rule: 'too_many_retries' },
    ]);
  });

  it('allows manual retries of four notification events only', () => {
    expect([...MANUAL_RETRY_EVENTS].sort()).toEqual(['order.completed', 'refund.applied', 'transaction.approved', 'transaction.declined']);
    for (const type of MANUAL_RETRY_EVENTS) expect(NOTIFICATION_EVENT_TYPES).toContain(type);
  });
});

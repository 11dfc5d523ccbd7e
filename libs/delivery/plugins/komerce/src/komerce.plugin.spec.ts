import { NOTHING_ALLOW_LISTED, type ValidationContext, validateSubscription } from '@hookbus/delivery-sdk';
import { komercePlugin } from './komerce.plugin';

const validate = (input: unknown, context: ValidationContext = NOTHING_ALLOW_LISTED) => validateSubscription(komercePlugin, input, context);
const base = { plugin: 'komerce', hook: 'order-status', url: 'https://shop.example/komerce' };
const rulesOf = (input: unknown) => {
  const result = validate(input);
  return result.ok ? [] : result.issues.map(({ field, rule }) => ({ field, rule }));
};

describe('komercePlugin', () => {
  it('serves order-status for shipment.status_changed', () => {
    expect(komercePlugin.hooks).toEqual([{ name: 'order-status', eventTypes: ['shipment.status_changed'], subjectLabel: 'Order' }]);
    expect(rulesOf({ ...base, hook: 'order-confirmation' })).toEqual([{ field: 'hook', rule: 'unknown_hook' }]);
  });

  it('defaults to POST with 5 failures before deactivation', () => {
    expect(validate(base)).toEqual({
      ok: true,
      value: expect.objectContaining({ method: 'POST', settings: { deactivateAfterFailures: 5 } }),
    });
  });

  it('accepts PUT, refuses GET', () => {
    expect(rulesOf({ ...base, method: 'PUT' })).toEqual([]);
    expect(rulesOf({ ...base, method: 'GET' })).toEqual([{ field: 'method', rule: 'method_not_allowed' }]);
  });

  it('accepts none, basic and bearer auth but not the Komet token', () => {
    expect(rulesOf({ ...base, auth: { type: 'bearer', token: 't' } })).toEqual([]);
    expect(rulesOf({ ...base, auth: { type: 'basic', username: 'u', password: 'p' } })).toEqual([]);
    expect(rulesOf({ ...base, auth: { type: 'token', token: 't' } })).toEqual([{ field: 'auth.type', rule: 'auth_type_not_allowed' }]);
  });

  describe('deactivateAfterFailures', () => {
    it.each([1, 100])('accepts %d', (deactivateAfterFailures) => {
      expect(rulesOf({ ...base, settings: { deactivateAfterFailures } })).toEqual([]);
    });

    it.each([
      [0, 'too_small'],
      [101, 'too_big'],
      [2.5, 'invalid_type'],
      ['5', 'invalid_type'],
    ])('refuses %j (%s)', (deactivateAfterFailures, rule) => {
      expect(rulesOf({ ...base, settings: { deactivateAfterFailures } })).toEqual([{ field: 'settings.deactivateAfterFailures', rule }]);
    });

    it('refuses unknown settings', () => {
      expect(rulesOf({ ...base, settings: { retries: 3 } })).toEqual([{ field: 'settings.retries', rule: 'unrecognized_keys' }]);
    });
  });

  describe('https', () => {
    const refused = [{ field: 'url', rule: 'https_required' }];

    it('refuses plain http', () => {
      const result = validate({ ...base, url: 'http://shop.example/komerce' });
      expect(result).toEqual({ ok: false, issues: [{ field: 'url', rule: 'https_required', message: expect.stringContaining('HOOKBUS_EGRESS_ALLOW') }] });
    });

    // What the allow-list matches (names, ports, IPs, CIDRs) is the egress lib's to test.
    it('accepts plain http to a URL the deployment allow-lists, asking the allow-list with that URL', () => {
      const asked: string[] = [];
      const allowsUrl = (url: URL) => (asked.push(url.href), url.host === 'localhost:4010');
      const rules = (url: string) => {
        const result = validate({ ...base, url }, { egressAllow: { allowsUrl } });
        return result.ok ? [] : result.issues.map(({ field, rule }) => ({ field, rule }));
      };
      expect(rules('http://localhost:4010/komerce')).toEqual([]);
      expect(rules('http://localhost/komerce')).toEqual(refused);
      expect(asked).toEqual(['http://localhost:4010/komerce', 'http://localhost/komerce']);
    });
  });

  it('retries after 1, 5 and 15 minutes, at most 3 times', () => {
    expect(komercePlugin.retry.delaysSeconds).toEqual([60, 300, 900]);
    expect(rulesOf({ ...base, retryPolicy: { delaysSeconds: [1, 2, 3, 4] } })).toEqual([
      { field: 'retryPolicy.delaysSeconds', rule: 'too_many_retries' },
    ]);
  });
});

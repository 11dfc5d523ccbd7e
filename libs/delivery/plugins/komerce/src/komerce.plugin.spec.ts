import { EgressAllowList, PluginCatalog } from '@hookbus/delivery-sdk';
import { komercePlugin } from './komerce.plugin';

const catalog = new PluginCatalog([komercePlugin]);
const base = { plugin: 'komerce', hook: 'order-status', url: 'https://shop.example/komerce' };
const rulesOf = (input: unknown, egressAllow = '') => {
  const result = catalog.validate(input, { egressAllow: EgressAllowList.parse(egressAllow) });
  return result.ok ? [] : result.issues.map(({ field, rule }) => ({ field, rule }));
};

describe('komercePlugin', () => {
  it('serves order-status for shipment.status_changed', () => {
    expect(komercePlugin.hooks).toEqual([{ name: 'order-status', eventTypes: ['shipment.status_changed'] }]);
    expect(rulesOf({ ...base, hook: 'order-confirmation' })).toEqual([{ field: 'hook', rule: 'unknown_hook' }]);
  });

  it('defaults to POST with 5 failures before deactivation', () => {
    expect(catalog.validate(base, { egressAllow: EgressAllowList.NONE })).toEqual({
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
    const plain = (url: string, egressAllow: string) => rulesOf({ ...base, url }, egressAllow);
    const refused = [{ field: 'url', rule: 'https_required' }];

    it('refuses plain http', () => {
      const result = catalog.validate({ ...base, url: 'http://shop.example/komerce' }, { egressAllow: EgressAllowList.NONE });
      expect(result).toEqual({ ok: false, issues: [{ field: 'url', rule: 'https_required', message: expect.stringContaining('HOOKBUS_EGRESS_ALLOW') }] });
    });

    it('accepts plain http to an allow-listed host name on ports 80 and 443, or on the port its entry names', () => {
      expect(plain('http://localhost/komerce', 'localhost')).toEqual([]);
      expect(plain('http://Receiver.Local:443/komerce', 'receiver.local')).toEqual([]);
      expect(plain('http://localhost:4010/komerce', 'localhost:4010')).toEqual([]);
      expect(plain('http://localhost:4010/komerce', 'localhost')).toEqual(refused);
      expect(plain('http://localhost/komerce', 'localhost:4010')).toEqual(refused);
    });

    it('accepts plain http to an IP literal inside an IP or CIDR entry, on any port unless the entry names one', () => {
      expect(plain('http://127.0.0.1:8080/komerce', '127.0.0.1/32')).toEqual([]);
      expect(plain('http://127.0.0.1:8080/komerce', '127.0.0.0/8')).toEqual([]);
      expect(plain('http://127.0.0.1:8080/komerce', '127.0.0.1')).toEqual([]);
      expect(plain('http://[::1]:8080/komerce', '::1')).toEqual([]);
      expect(plain('http://127.0.0.1:8080/komerce', '127.0.0.1:8080')).toEqual([]);
      expect(plain('http://127.0.0.1:9090/komerce', '127.0.0.1:8080')).toEqual(refused);
      expect(plain('http://127.0.0.2:8080/komerce', '127.0.0.1/32')).toEqual(refused);
    });

    it('refuses plain http when only another host is allow-listed, and matches names without DNS', () => {
      expect(plain('http://localhost/komerce', 'receiver.local')).toEqual(refused);
      expect(plain('http://localhost/komerce', '127.0.0.1')).toEqual(refused);
      expect(plain('http://127.0.0.1/komerce', 'localhost')).toEqual(refused);
    });
  });

  it('retries after 1, 5 and 15 minutes, at most 3 times', () => {
    expect(komercePlugin.retry.delaysSeconds).toEqual([60, 300, 900]);
    expect(rulesOf({ ...base, retryPolicy: { delaysSeconds: [1, 2, 3, 4] } })).toEqual([
      { field: 'retryPolicy.delaysSeconds', rule: 'too_many_retries' },
    ]);
  });
});

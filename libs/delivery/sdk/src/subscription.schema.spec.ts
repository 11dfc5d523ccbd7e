import { validate, zodIssues } from '@hookbus/contracts';
import { subscriptionInputSchema } from './subscription.schema';

const base = { plugin: 'komet', hook: 'order-confirmation', url: 'https://erp.example/hooks' };

function inputRules(input: unknown) {
  const result = subscriptionInputSchema.safeParse(input);
  return result.success ? [] : zodIssues(result.error).map(({ field, rule }) => ({ field, rule }));
}

describe('subscriptionInputSchema', () => {
  it('fills enabled, auth, errorEmails and settings; leaves method to the plugin', () => {
    expect(validate(subscriptionInputSchema, base)).toEqual({
      ok: true,
      value: { ...base, enabled: true, auth: { type: 'none' }, errorEmails: [], settings: {} },
    });
  });

  it.each(['http://localhost:8080/x', 'https://erp.example/path/?q=1', 'http://x/${orderId}'])('accepts the URL %s', (url) => {
    expect(inputRules({ ...base, url })).toEqual([]);
  });

  it.each(['ftp://erp.example/x', '/relative/path', 'erp.example', 'javascript:alert(1)', ''])('refuses the URL %j', (url) => {
    expect(inputRules({ ...base, url })).toContainEqual({ field: 'url', rule: 'invalid_url' });
  });

  it('refuses credentials in the URL', () => {
    expect(inputRules({ ...base, url: 'https://user:pw@erp.example/' })).toEqual([{ field: 'url', rule: 'url_credentials' }]);
  });

  it('requires plugin, hook and url', () => {
    expect(inputRules({})).toEqual([
      { field: 'plugin', rule: 'invalid_type' },
      { field: 'hook', rule: 'invalid_type' },
      { field: 'url', rule: 'invalid_type' },
    ]);
  });

  it('refuses unknown fields one by one', () => {
    expect(inputRules({ ...base, secret: 'x', colour: 'red' })).toEqual([
      { field: 'secret', rule: 'unrecognized_keys' },
      { field: 'colour', rule: 'unrecognized_keys' },
    ]);
  });

  it('refuses an unknown method', () => {
    expect(inputRules({ ...base, method: 'post' })).toEqual([{ field: 'method', rule: 'invalid_value' }]);
  });

  describe('auth', () => {
    it.each([
      { type: 'none' },
      { type: 'token', token: 'x'.repeat(50) },
      { type: 'basic', username: 'erp', password: 's3cret:with:colons' },
      { type: 'bearer', token: 'eyJhbGciOi.x.y' },
    ])('accepts %j', (auth) => {
      expect(inputRules({ ...base, auth })).toEqual([]);
    });

    it.each([
      [{ type: 'apikey' }, 'auth.type', 'invalid_union'],
      [{}, 'auth.type', 'invalid_union'],
      [{ type: 'token', token: 'x'.repeat(51) }, 'auth.token', 'too_big'],
      [{ type: 'token', token: '' }, 'auth.token', 'too_small'],
      [{ type: 'token' }, 'auth.token', 'invalid_type'],
      [{ type: 'bearer', token: 'a\r\nX-Injected: 1' }, 'auth.token', 'invalid_format'],
      [{ type: 'basic', username: 'a:b', password: 'p' }, 'auth.username', 'invalid_format'],
      [{ type: 'basic', username: 'a' }, 'auth.password', 'invalid_type'],
      [{ type: 'none', token: 'x' }, 'auth.token', 'unrecognized_keys'],
    ])('refuses %j on %s (%s)', (auth, field, rule) => {
      expect(inputRules({ ...base, auth })).toEqual([{ field, rule }]);
    });

    it('lists the auth types in the message', () => {
      const result = validate(subscriptionInputSchema, { ...base, auth: { type: 'apikey' } });
      expect(result.ok || result.issues[0].message).toBe('type must be one of: none, token, basic, bearer');
    });
  });

  describe('errorEmails', () => {
    it('accepts up to 5 distinct addresses', () => {
      expect(inputRules({ ...base, errorEmails: ['a@x.io', 'b@x.io', 'c@x.io', 'd@x.io', 'e@x.io'] })).toEqual([]);
    });

    it('refuses a sixth address, a malformed one and a duplicate (case-insensitive)', () => {
      expect(inputRules({ ...base, errorEmails: ['a@x.io', 'b@x.io', 'c@x.io', 'd@x.io', 'e@x.io', 'f@x.io'] })).toEqual([
        { field: 'errorEmails', rule: 'too_big' },
      ]);
      expect(inputRules({ ...base, errorEmails: ['not-an-email'] })).toEqual([{ field: 'errorEmails.0', rule: 'invalid_format' }]);
      expect(inputRules({ ...base, errorEmails: ['ops@x.io', 'OPS@x.io'] })).toEqual([{ field: 'errorEmails.1', rule: 'duplicate' }]);
    });
  });

  describe('retryPolicy', () => {
    it('accepts delays from 1 s to 24 h', () => {
      expect(inputRules({ ...base, retryPolicy: { delaysSeconds: [1, 86_400] } })).toEqual([]);
    });

    it.each([
      [{ delaysSeconds: [0] }, 'retryPolicy.delaysSeconds.0', 'too_small'],
      [{ delaysSeconds: [86_401] }, 'retryPolicy.delaysSeconds.0', 'too_big'],
      [{ delaysSeconds: [1.5] }, 'retryPolicy.delaysSeconds.0', 'invalid_type'],
      [{}, 'retryPolicy.delaysSeconds', 'invalid_type'],
      [{ delaysSeconds: [], max: 3 }, 'retryPolicy.max', 'unrecognized_keys'],
    ])('refuses %j', (retryPolicy, field, rule) => {
      expect(inputRules({ ...base, retryPolicy })).toEqual([{ field, rule }]);
    });
  });
});

describe('rateLimit', () => {
  it('accepts 0.01 to 10,000 a second', () => {
    expect(inputRules({ ...base, rateLimit: { perSecond: 0.01 } })).toEqual([]);
    expect(inputRules({ ...base, rateLimit: { perSecond: 10_000 } })).toEqual([]);
  });

  it.each([
    [{ perSecond: 0 }, 'rateLimit.perSecond', 'too_small'],
    [{ perSecond: 10_001 }, 'rateLimit.perSecond', 'too_big'],
    [{ perSecond: '5' }, 'rateLimit.perSecond', 'invalid_type'],
    [{}, 'rateLimit.perSecond', 'invalid_type'],
    [{ perSecond: 5, burst: 10 }, 'rateLimit.burst', 'unrecognized_keys'],
  ])('refuses %j', (rateLimit, field, rule) => {
    expect(inputRules({ ...base, rateLimit })).toEqual([{ field, rule }]);
  });
});

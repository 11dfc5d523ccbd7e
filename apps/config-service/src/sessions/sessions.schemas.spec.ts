import { validate } from '@hookbus/contracts';
import { portalSessionSchema, signInSchema } from './sessions.schemas';

const fieldsAndRules = (result: ReturnType<typeof validate>) => (result.ok ? [] : result.issues.map(({ field, rule }) => [field, rule]));

describe('signInSchema', () => {
  it('takes a key or a portal token', () => {
    expect(validate(signInSchema, { key: 'hbk_x.y' })).toEqual({ ok: true, value: { key: 'hbk_x.y' } });
    expect(validate(signInSchema, { portalToken: 'abc' })).toEqual({ ok: true, value: { portalToken: 'abc' } });
  });

  it('names the field when neither or both are sent, or another field is', () => {
    expect(fieldsAndRules(validate(signInSchema, {}))).toEqual([['key', 'custom']]);
    expect(fieldsAndRules(validate(signInSchema, { key: 'k', portalToken: 'p' }))).toEqual([['portalToken', 'custom']]);
    expect(fieldsAndRules(validate(signInSchema, { key: 'k', password: 'p' }))).toEqual([['(root)', 'unrecognized_keys']]);
  });
});

describe('portalSessionSchema', () => {
  it('defaults the session to an hour', () => {
    expect(validate(portalSessionSchema, { tenantId: 'tnt_1', roles: ['setup'] })).toEqual({ ok: true, value: { tenantId: 'tnt_1', roles: ['setup'], ttlSeconds: 3600 } });
  });

  it('refuses the producer role, naming its place', () => {
    expect(fieldsAndRules(validate(portalSessionSchema, { tenantId: 'tnt_1', roles: ['admin', 'producer'] }))).toEqual([['roles.1', 'invalid_value']]);
  });

  it('refuses no roles, a repeated role, and a session under a minute or over 12 h', () => {
    expect(fieldsAndRules(validate(portalSessionSchema, { tenantId: 'tnt_1', roles: [] }))).toEqual([['roles', 'too_small']]);
    expect(fieldsAndRules(validate(portalSessionSchema, { tenantId: 'tnt_1', roles: ['admin', 'admin'] }))).toEqual([['roles', 'custom']]);
    expect(fieldsAndRules(validate(portalSessionSchema, { tenantId: 'tnt_1', roles: ['admin'], ttlSeconds: 59 }))).toEqual([['ttlSeconds', 'too_small']]);
    expect(fieldsAndRules(validate(portalSessionSchema, { tenantId: 'tnt_1', roles: ['admin'], ttlSeconds: 43_201 }))).toEqual([['ttlSeconds', 'too_big']]);
    expect(validate(portalSessionSchema, { tenantId: 'tnt_1', roles: ['admin'], ttlSeconds: 43_200 }).ok).toBe(true);
  });
});

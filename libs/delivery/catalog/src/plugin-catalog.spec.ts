import { issue } from '@hookbus/contracts';
import { type DeliveryPluginDefinition, NOTHING_ALLOW_LISTED, type Subscription } from '@hookbus/delivery-sdk';
import { EgressAllowList } from '@hookbus/egress';
import { z } from 'zod';
import { PluginCatalog } from './plugin-catalog';

const fakeSettings = z.strictObject({ level: z.int().min(1).max(3).default(2), note: z.string().optional() });

const fake: DeliveryPluginDefinition<typeof fakeSettings> = {
  vendor: 'fake',
  title: 'Fake vendor',
  hooks: [
    { name: 'confirmed', eventTypes: ['order.confirmed'] },
    { name: 'cancelled', eventTypes: ['order.cancelled'] },
  ],
  methods: ['POST', 'PUT'],
  defaultMethod: 'POST',
  authTypes: ['none', 'bearer'],
  settingsSchema: fakeSettings,
  retry: { delaysSeconds: [10, 20] },
  // A cross-field rule: PUT needs a note.
  check: (subscription, context) =>
    subscription.method === 'PUT' && !subscription.settings.note && !context.egressAllow.allowsUrl(new URL(subscription.url))
      ? [issue('settings.note', 'note_required', 'is required with PUT')]
      : [],
};

const other: DeliveryPluginDefinition = { ...fake, vendor: 'other', check: undefined };
const catalog = new PluginCatalog([fake, other]);
const context = NOTHING_ALLOW_LISTED;
const base = { plugin: 'fake', hook: 'confirmed', url: 'https://receiver.example/hook' };

const issuesOf = (result: ReturnType<PluginCatalog['validate']>) => (result.ok ? [] : result.issues);
const rulesOf = (result: ReturnType<PluginCatalog['validate']>) => issuesOf(result).map(({ field, rule }) => ({ field, rule }));

describe('PluginCatalog construction', () => {
  it('refuses a duplicate vendor', () => {
    expect(() => new PluginCatalog([fake, fake])).toThrow('Duplicate delivery plugin "fake"');
  });

  it('refuses a hook serving an unknown event type', () => {
    const broken = { ...fake, hooks: [{ name: 'x', eventTypes: ['order.exploded'] }] } as unknown as DeliveryPluginDefinition;
    expect(() => new PluginCatalog([broken])).toThrow('unknown event type "order.exploded"');
  });

  it('refuses a duplicate hook, a default method it does not allow, no auth type, bad retry delays', () => {
    const cases: Partial<DeliveryPluginDefinition>[] = [
      { hooks: [fake.hooks[0], fake.hooks[0]] },
      { defaultMethod: 'GET' },
      { authTypes: [] },
      { retry: { delaysSeconds: [0] } },
    ];
    for (const change of cases) expect(() => new PluginCatalog([{ ...other, ...change }])).toThrow('Delivery plugin "other"');
  });

  it('lists and finds plugins', () => {
    expect(catalog.vendors).toEqual(['fake', 'other']);
    expect(catalog.get('fake')).toBe(fake);
    expect(catalog.get('nope')).toBeUndefined();
  });
});

describe('PluginCatalog.validate', () => {
  it('applies every default', () => {
    expect(catalog.validate(base, context)).toEqual({
      ok: true,
      value: { ...base, method: 'POST', enabled: true, auth: { type: 'none' }, errorEmails: [], settings: { level: 2 } },
    });
  });

  it('keeps what was given', () => {
    const input = {
      ...base,
      method: 'PUT',
      enabled: false,
      auth: { type: 'bearer', token: 't0k' },
      errorEmails: ['ops@example.com'],
      settings: { level: 3, note: 'n' },
      retryPolicy: { delaysSeconds: [5] },
    };
    expect(catalog.validate(input, context)).toEqual({ ok: true, value: input });
  });

  it('stops at the common schema', () => {
    expect(rulesOf(catalog.validate({ ...base, url: 'ftp://x', extra: 1 }, context))).toEqual([
      { field: 'url', rule: 'invalid_url' },
      { field: 'extra', rule: 'unrecognized_keys' },
    ]);
  });

  it('names the valid plugins for an unknown one', () => {
    expect(issuesOf(catalog.validate({ ...base, plugin: 'acme' }, context))).toEqual([
      { field: 'plugin', rule: 'unknown_plugin', message: 'must be one of: fake, other' },
    ]);
  });

  it('names the valid hooks for an unknown one', () => {
    expect(issuesOf(catalog.validate({ ...base, hook: 'shipped' }, context))).toEqual([
      { field: 'hook', rule: 'unknown_hook', message: 'fake has no hook "shipped"; valid hooks: confirmed, cancelled' },
    ]);
  });

  it('collects every plugin-level issue at once', () => {
    const input = {
      ...base,
      method: 'GET',
      auth: { type: 'basic', username: 'u', password: 'p' },
      settings: { level: 9, colour: 'red' },
      retryPolicy: { delaysSeconds: [1, 2, 3] },
    };
    expect(rulesOf(catalog.validate(input, context))).toEqual([
      { field: 'method', rule: 'method_not_allowed' },
      { field: 'auth.type', rule: 'auth_type_not_allowed' },
      { field: 'settings.level', rule: 'too_big' },
      { field: 'settings.colour', rule: 'unrecognized_keys' },
      { field: 'retryPolicy.delaysSeconds', rule: 'too_many_retries' },
    ]);
  });

  it('runs the plugin check last, with the context', () => {
    expect(rulesOf(catalog.validate({ ...base, method: 'PUT' }, context))).toEqual([{ field: 'settings.note', rule: 'note_required' }]);
    expect(catalog.validate({ ...base, method: 'PUT' }, { egressAllow: EgressAllowList.parse('receiver.example') }).ok).toBe(true);
  });

  it('does not run the check on an invalid subscription', () => {
    const check = jest.fn(() => []);
    const spied = new PluginCatalog([{ ...other, check }]);
    spied.validate({ ...base, plugin: 'other', method: 'GET' }, context);
    expect(check).not.toHaveBeenCalled();
  });

  it('accepts an empty retry policy: no retries at all', () => {
    expect(catalog.validate({ ...base, retryPolicy: { delaysSeconds: [] } }, context).ok).toBe(true);
  });
});

describe('PluginCatalog.validatePatch', () => {
  const existing: Subscription = {
    ...base,
    method: 'PUT',
    enabled: true,
    auth: { type: 'none' },
    errorEmails: [],
    settings: { level: 3, note: 'n' },
    retryPolicy: { delaysSeconds: [5] },
  };

  it('merges settings key by key and revalidates', () => {
    const result = catalog.validatePatch(existing, { enabled: false, settings: { level: null } }, context);
    expect(result).toEqual({ ok: true, value: { ...existing, enabled: false, settings: { level: 2, note: 'n' } } });
  });

  it('drops the retry override with null', () => {
    const result = catalog.validatePatch(existing, { retryPolicy: null }, context);
    expect(result.ok && result.value.retryPolicy).toBeUndefined();
  });

  it('ignores stored fields that are not configuration', () => {
    const stored = { ...existing, id: 'sub_1', status: 'active' } as Subscription;
    expect(catalog.validatePatch(stored, {}, context)).toEqual({ ok: true, value: existing });
  });

  it('refuses plugin and hook as immutable', () => {
    expect(rulesOf(catalog.validatePatch(existing, { plugin: 'other', hook: 'confirmed' }, context))).toEqual([
      { field: 'plugin', rule: 'immutable' },
      { field: 'hook', rule: 'immutable' },
    ]);
  });

  it('revalidates the merged result, cross-field rules included', () => {
    expect(rulesOf(catalog.validatePatch(existing, { settings: { note: null } }, context))).toEqual([
      { field: 'settings.note', rule: 'note_required' },
    ]);
    expect(rulesOf(catalog.validatePatch(existing, { url: 'nope' }, context))).toEqual([{ field: 'url', rule: 'invalid_url' }]);
  });
});

describe('PluginCatalog.describe', () => {
  it('describes each plugin with its settings JSON Schema', () => {
    const [described] = catalog.describe();
    expect(described).toEqual({
      vendor: 'fake',
      title: 'Fake vendor',
      hooks: fake.hooks,
      methods: ['POST', 'PUT'],
      defaultMethod: 'POST',
      authTypes: ['none', 'bearer'],
      retryPolicy: { delaysSeconds: [10, 20] },
      settingsSchema: expect.objectContaining({
        type: 'object',
        additionalProperties: false,
        properties: { level: { type: 'integer', minimum: 1, maximum: 3, default: 2 }, note: { type: 'string' } },
      }),
    });
    expect(described.settingsSchema['required']).toBeUndefined();
    expect(JSON.parse(JSON.stringify(described))).toEqual(described);
  });
});

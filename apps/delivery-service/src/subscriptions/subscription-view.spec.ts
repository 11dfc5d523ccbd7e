import { Logger } from '@nestjs/common';
import { type SubscriptionSnapshotV1, Topics } from '@hookbus/contracts';
import { drivenTableBus } from '@hookbus/kafka/testing';
import { metricsRegistry } from '@hookbus/platform';
import { SubscriptionViewController } from './subscription-view.controller';
import { SubscriptionView } from './subscription-view';
import { SubscriptionViewReadiness } from './subscription-view.readiness';

const snapshot = (id: string, overrides: Partial<SubscriptionSnapshotV1> = {}): SubscriptionSnapshotV1 => ({
  id,
  tenantId: 'tnt_a',
  plugin: 'komet',
  hook: 'order-confirmation',
  url: 'https://erp.example.com/hook',
  method: 'POST',
  enabled: true,
  status: 'active',
  auth: { type: 'token', token: 'enc:v1:token' },
  errorEmails: [],
  settings: {},
  signingSecrets: [{ secret: 'enc:v1:secret' }],
  version: 1,
  updatedAt: '2025-01-01T00:00:00.000Z',
  ...overrides,
});

async function startView() {
  const { bus, reader, write, topic } = drivenTableBus(false);
  const view = new SubscriptionView(bus);
  await view.onApplicationBootstrap();
  return { view, reader, record: write, topic: topic() };
}

describe('SubscriptionView', () => {
  let warn: jest.SpyInstance;

  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined);
  });

  afterEach(() => jest.restoreAllMocks());

  it('reads the subscriptions topic and holds the latest snapshot per id', async () => {
    const { view, record, topic } = await startView();
    record('sub_1', snapshot('sub_1'));
    record('sub_2', snapshot('sub_2'));
    record('sub_1', snapshot('sub_1', { version: 2, url: 'https://erp.example.com/v2' }));

    expect(topic).toBe(Topics.subscriptions.name);
    expect(view.all().map(({ id, version }) => [id, version])).toEqual([['sub_1', 2], ['sub_2', 1]]);
    expect(view.get('sub_1')?.url).toBe('https://erp.example.com/v2');
    expect(view.get('sub_3')).toBeUndefined();
  });

  it('ignores a snapshot older than the one it holds, and accepts the same version again', async () => {
    const { view, record } = await startView();
    record('sub_1', snapshot('sub_1', { version: 5, url: 'https://new.example.com' }));
    record('sub_1', snapshot('sub_1', { version: 4, url: 'https://old.example.com' }));
    expect(view.get('sub_1')).toMatchObject({ version: 5, url: 'https://new.example.com' });

    record('sub_1', snapshot('sub_1', { version: 5, enabled: false, updatedAt: '2025-01-02T00:00:00.000Z' }));
    expect(view.get('sub_1')).toMatchObject({ version: 5, enabled: false });
  });

  it('keeps the held snapshot when the same version comes again (a republish), without validating it', async () => {
    const { view, record } = await startView();
    record('sub_1', snapshot('sub_1', { version: 3 }));
    const held = view.get('sub_1');
    record('sub_1', snapshot('sub_1', { version: 3 }));
    expect(view.get('sub_1')).toBe(held);

    record('sub_1', snapshot('sub_1', { version: 3, updatedAt: '2025-02-01T00:00:00.000Z' }));
    expect(view.get('sub_1')).not.toBe(held);
    expect(view.get('sub_1')?.updatedAt).toBe('2025-02-01T00:00:00.000Z');
  });

  it('drops a tombstoned id; a later snapshot of that id starts afresh', async () => {
    const { view, record } = await startView();
    record('sub_1', snapshot('sub_1', { version: 7 }));
    record('sub_2', snapshot('sub_2'));
    record('sub_1', null);
    record('sub_9', null);

    expect(view.all().map(({ id }) => id)).toEqual(['sub_2']);
    expect((await metricsRegistry.getSingleMetric('hookbus_subscription_view_subscriptions')?.get())?.values[0].value).toBe(1);
    record('sub_1', snapshot('sub_1', { version: 1 }));
    expect(view.get('sub_1')?.version).toBe(1);
  });

  it.each([
    ['not JSON', '{"id":"sub_1",', 'not JSON'],
    ['a plaintext secret', snapshot('sub_1', { version: 9, signingSecrets: [{ secret: 'whsec_plain' }] }), 'signingSecrets.0.secret'],
    ['a missing field', { ...snapshot('sub_1', { version: 9 }), tenantId: undefined }, 'tenantId'],
    ['an id that is not the key', snapshot('sub_other', { version: 9 }), 'id differs from key'],
  ])('logs and skips a value with %s, keeping what it held', async (_label, value, reason) => {
    const { view, record } = await startView();
    record('sub_1', snapshot('sub_1'));

    expect(() => record('sub_1', value)).not.toThrow();
    expect(view.get('sub_1')?.version).toBe(1);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(warn.mock.calls[0][0])).toContain(reason);
  });

  it('routes to the enabled, active subscriptions of the tenant on any of the given hooks', async () => {
    const { view, record } = await startView();
    record('sub_match', snapshot('sub_match'));
    record('sub_disabled', snapshot('sub_disabled', { enabled: false }));
    record('sub_deactivated', snapshot('sub_deactivated', { status: 'disabled', disabledReason: '410 Gone' }));
    record('sub_other_tenant', snapshot('sub_other_tenant', { tenantId: 'tnt_b' }));
    record('sub_other_hook', snapshot('sub_other_hook', { hook: 'order-cancellation' }));
    record('sub_other_plugin', snapshot('sub_other_plugin', { plugin: 'komerce', hook: 'order-confirmation' }));
    record('sub_second_plugin', snapshot('sub_second_plugin', { plugin: 'acme', hook: 'everything' }));

    const hooks = (entries: [string, string[]][]) => new Map(entries.map(([plugin, names]) => [plugin, new Set(names)]));
    expect(view.forHooks('tnt_a', hooks([['komet', ['order-confirmation']]])).map(({ id }) => id)).toEqual(['sub_match']);
    const both = hooks([['komet', ['order-confirmation']], ['acme', ['everything']]]);
    expect(view.forHooks('tnt_a', both).map(({ id }) => id)).toEqual(['sub_match', 'sub_second_plugin']);
    expect(view.forHooks('tnt_a', new Map())).toEqual([]);
  });

  it('routes by the latest snapshot: a moved subscription by its new hook, a tombstoned one not at all', async () => {
    const { view, record } = await startView();
    const confirmation = new Map([['komet', new Set(['order-confirmation'])]]);
    const cancellation = new Map([['komet', new Set(['order-cancellation'])]]);
    record('sub_moved', snapshot('sub_moved'));
    record('sub_gone', snapshot('sub_gone'));
    record('sub_moved', snapshot('sub_moved', { version: 2, hook: 'order-cancellation' }));
    record('sub_gone', null);

    expect(view.forHooks('tnt_a', confirmation)).toEqual([]);
    expect(view.forHooks('tnt_a', cancellation).map(({ id }) => id)).toEqual(['sub_moved']);
  });

  it('is not ready until the reader caught up', async () => {
    const { view, reader } = await startView();
    const readiness = new SubscriptionViewReadiness(view);

    await expect(readiness.check()).rejects.toThrow(`still reading ${Topics.subscriptions.name}`);
    reader.isCaughtUp = true;
    await expect(readiness.check()).resolves.toBeUndefined();
  });

  it('lists the view for operators without secrets or URLs', async () => {
    const { view, record } = await startView();
    record('sub_b', snapshot('sub_b', { version: 3 }));
    record('sub_a', snapshot('sub_a', { enabled: false }));

    expect(new SubscriptionViewController(view).list()).toEqual({
      items: [
        { id: 'sub_a', tenantId: 'tnt_a', plugin: 'komet', hook: 'order-confirmation', enabled: false, status: 'active', version: 1 },
        { id: 'sub_b', tenantId: 'tnt_a', plugin: 'komet', hook: 'order-confirmation', enabled: true, status: 'active', version: 3 },
      ],
    });
  });
});

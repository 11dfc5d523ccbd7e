import { randomUUID } from 'node:crypto';
import { type SubscriptionSnapshotV1, Topics } from '@hookbus/contracts';
import type { KafkaBus } from '@hookbus/kafka';
import { pollUntil, testBus, uniqueGroup, uniquePrefix } from '@hookbus/testing';
import { ServiceProcess } from '../support/service-process';

type ViewItem = Pick<SubscriptionSnapshotV1, 'id' | 'tenantId' | 'plugin' | 'hook' | 'enabled' | 'status' | 'version'>;

// Two service starts in one flow.
jest.setTimeout(120_000);

const snapshot = (overrides: Partial<SubscriptionSnapshotV1> = {}): SubscriptionSnapshotV1 => ({
  id: `sub_${randomUUID()}`,
  tenantId: 'tnt_view',
  plugin: 'komet',
  hook: 'order-confirmation',
  url: 'https://erp.example.com/hook',
  method: 'POST',
  enabled: true,
  status: 'active',
  auth: { type: 'bearer', token: 'enc:v1:sealed-token' },
  errorEmails: ['ops@example.com'],
  settings: {},
  signingSecrets: [{ secret: 'enc:v1:sealed-secret' }],
  version: 1,
  updatedAt: new Date().toISOString(),
  ...overrides,
});

const item = ({ id, tenantId, plugin, hook, enabled, status, version }: SubscriptionSnapshotV1): ViewItem =>
  ({ id, tenantId, plugin, hook, enabled, status, version });
const byId = (items: ViewItem[]) => [...items].sort((a, b) => a.id.localeCompare(b.id));

describe('delivery-service subscription view: rebuilt from hookbus.subscriptions.v1 alone (real broker, real process)', () => {
  const prefix = uniquePrefix('view');
  const groupId = uniqueGroup('delivery');
  let bus: KafkaBus;
  let delivery: ServiceProcess | undefined;

  const publish = (...records: [string, SubscriptionSnapshotV1 | string | null][]) =>
    bus.publish(Topics.subscriptions.name, records.map(([key, value]) => ({
      key,
      value: value === null || typeof value === 'string' ? value : JSON.stringify(value),
    })));
  const start = async () => {
    delivery = await ServiceProcess.spawn('delivery-service', { KAFKA_TOPIC_PREFIX: prefix, KAFKA_GROUP_ID: groupId, LOG_LEVEL: 'log' });
    return delivery.ready();
  };
  const view = async (service: ServiceProcess) => {
    const response = await service.asOperator('/v1/subscription-view');
    expect(response.status).toBe(200);
    return (await response.json()) as { items: ViewItem[] };
  };
  const viewEquals = async (service: ServiceProcess, expected: ViewItem[]) => {
    const body = await pollUntil('the view equals the expected subscriptions', async () => {
      const current = await view(service);
      return JSON.stringify(current.items) === JSON.stringify(byId(expected)) && current;
    });
    expect(body).toEqual({ items: byId(expected) });
  };

  beforeAll(async () => {
    bus = await testBus(prefix);
  });

  afterAll(async () => {
    await delivery?.stop();
    await bus?.disconnect();
  });

  it('holds the live subscriptions once ready, and the same after a restart with later changes', async () => {
    const komet = snapshot();
    const kometV2 = { ...komet, url: 'https://erp.example.com/v2', enabled: false, version: 2 };
    const komerce = snapshot({ plugin: 'komerce', hook: 'order-status', auth: { type: 'none' } });
    const secutix = snapshot({ plugin: 'secutix', hook: 'order-closed' });
    const deleted = snapshot({ tenantId: 'tnt_other' });
    const postback = snapshot({ plugin: 'postback', hook: 'order.completed', status: 'disabled', disabledReason: '410 Gone' });
    await publish(
      [komet.id, komet],
      [deleted.id, deleted],
      [komerce.id, komerce],
      [secutix.id, secutix],
      [komet.id, kometV2],
      [deleted.id, null],
    );

    const first = await start();
    // Ready means caught up: the very first answer is already complete.
    expect(await view(first)).toEqual({ items: byId([item(kometV2), item(komerce), item(secutix)]) });
    await viewEquals(first, [item(kometV2), item(komerce), item(secutix)]);
    expect(JSON.stringify(await view(first))).not.toContain('enc:v1:');

    expect(await first.stop()).toBe(0);
    const komerceV3 = { ...komerce, version: 3, status: 'disabled' as const, disabledReason: '5 deliveries failed in a row' };
    await publish(
      [komerce.id, komerceV3],
      // Older than what the view holds for that id: ignored.
      [komet.id, { ...komet, version: 1, enabled: true }],
      [postback.id, postback],
      ['sub_broken', '{"id":"sub_broken", not json'],
      [secutix.id, null],
    );

    const second = await start();
    await viewEquals(second, [item(kometV2), item(komerceV3), item(postback)]);
    expect(second.logs.map(({ message }) => message)).toContainEqual(
      expect.objectContaining({ message: 'record skipped: not JSON', topic: 'hookbus.subscriptions.v1', key: 'sub_broken' }),
    );
    expect(await second.stop()).toBe(0);
  });
});

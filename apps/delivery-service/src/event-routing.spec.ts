import { Logger } from '@nestjs/common';
import type { DeliveryAttemptRecordV1, EventType, RetryRecordV1, SubscriptionSnapshotV1 } from '@hookbus/contracts';
import { defaultClassify, type DeliverablePlugin, jsonRequest } from '@hookbus/delivery-sdk';
import { testEvent } from '@hookbus/delivery-sdk/testing';
import { drivenTableBus } from '@hookbus/kafka/testing';
import type { SecretBox } from '@hookbus/platform';
import { REGISTERED_PLUGINS } from '@hookbus/plugin-registry';
import { z } from 'zod';
import type { AttemptExecutor } from './delivery/attempt.executor';
import { DeliveryBudget } from './delivery/delivery-budget';
import type { DeliveryPublisher } from './delivery/delivery.publisher';
import type { ScheduledDelivery } from './delivery/scheduled-delivery';
import { EventDispatcher } from './event-dispatcher';
import { PluginRegistry } from './plugins/plugin-registry';
import { RetryHandler } from './retries/retry.handler';
import { SubscriptionView } from './subscriptions/subscription-view';

const registered = (vendor: string) => REGISTERED_PLUGINS.find(({ definition }) => definition.vendor === vendor)?.definition as DeliverablePlugin;

// A second plugin that takes order.confirmed too, as a generic one would; it skips subjects marked "skip".
const acmePlugin: DeliverablePlugin = {
  vendor: 'acme',
  title: 'Acme',
  hooks: [{ name: 'orders', eventTypes: ['order.confirmed', 'order.cancelled'] }],
  methods: ['POST'],
  defaultMethod: 'POST',
  authTypes: ['none'],
  settingsSchema: z.strictObject({}),
  retry: { delaysSeconds: [1] },
  timeoutMs: 1_000,
  matches: (event) => event.subject !== 'skip',
  render: (event, subscription) => jsonRequest(subscription, JSON.stringify(event.data)),
  classify: defaultClassify,
};

const snapshot = (id: string, plugin: string, hook: string, overrides: Partial<SubscriptionSnapshotV1> = {}): SubscriptionSnapshotV1 => ({
  ...{ id, tenantId: 'tenant_1', plugin, hook, url: 'https://receiver.example.com/hook', method: 'POST', enabled: true, status: 'active' },
  ...{ auth: { type: 'none' }, errorEmails: [], settings: {}, signingSecrets: [{ secret: 'enc:v1:secret' }], version: 1 },
  updatedAt: '2025-01-01T00:00:00.000Z',
  ...overrides,
});

async function routing(definitions: DeliverablePlugin[], budget = new DeliveryBudget(256)) {
  const { bus, write } = drivenTableBus();
  const view = new SubscriptionView(bus);
  await view.onApplicationBootstrap();
  const plugins = new PluginRegistry(definitions);
  const attempts: string[] = [];
  const logged: DeliveryAttemptRecordV1[] = [];
  let underWay = 0;
  let mostUnderWay = 0;
  const executor: Pick<AttemptExecutor, 'execute'> = {
    execute: async ({ snapshot, plugin }) => {
      mostUnderWay = Math.max(mostUnderWay, (underWay += 1));
      await new Promise((resolve) => setImmediate(resolve));
      underWay -= 1;
      attempts.push(`${plugin.vendor}:${snapshot.id}`);
    },
  };
  const scheduled: Pick<ScheduledDelivery, 'enqueue'> = { enqueue: async (_event, snapshot) => void attempts.push(`scheduled:${snapshot.id}`) };
  const publisher: Pick<DeliveryPublisher, 'publish'> = { publish: async ({ records }) => void logged.push(records.log) };
  const dispatcher = new EventDispatcher(view, plugins, {} as SecretBox, executor as AttemptExecutor, scheduled as ScheduledDelivery, budget);
  const retries = new RetryHandler(view, plugins, executor as AttemptExecutor, publisher as DeliveryPublisher);
  const subscribe = (...snapshots: SubscriptionSnapshotV1[]) => snapshots.forEach((one) => write(one.id, one));
  return { dispatcher, retries, subscribe, attempts, logged, mostUnderWay: () => mostUnderWay };
}

const event = (type: EventType, subject = '6908') => testEvent(type, { companyId: 1, orderId: 6908 }, { subject });

describe('routing an event', () => {
  beforeEach(() => jest.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('reaches the subscriptions of every hosted plugin whose hooks take its type', async () => {
    const { dispatcher, subscribe, attempts } = await routing([registered('komet'), acmePlugin]);
    subscribe(
      snapshot('sub_komet', 'komet', 'order-confirmation'),
      snapshot('sub_acme', 'acme', 'orders'),
      snapshot('sub_other_hook', 'komet', 'order-cancellation'),
      snapshot('sub_other_tenant', 'acme', 'orders', { tenantId: 'tenant_2' }),
      snapshot('sub_off', 'acme', 'orders', { enabled: false }),
    );

    await dispatcher.dispatch(event('order.confirmed'));
    expect(attempts.sort()).toEqual(['acme:sub_acme', 'komet:sub_komet']);
  });

  it('fans an event out to many subscriptions within the delivery budget, every one of them', async () => {
    const { dispatcher, subscribe, attempts, mostUnderWay } = await routing([acmePlugin], new DeliveryBudget(8));
    const ids = Array.from({ length: 50 }, (_, n) => `sub_${n}`);
    subscribe(...ids.map((id) => snapshot(id, 'acme', 'orders')));

    await Promise.all([dispatcher.dispatch(event('order.confirmed', 'a')), dispatcher.dispatch(event('order.confirmed', 'b'))]);
    expect(attempts.sort()).toEqual([...ids, ...ids].map((id) => `acme:${id}`).sort());
    expect(mostUnderWay()).toBe(8);
  });

  it('lets each plugin’s `matches` decide for its own subscriptions only', async () => {
    const { dispatcher, subscribe, attempts } = await routing([registered('komet'), acmePlugin]);
    subscribe(snapshot('sub_komet', 'komet', 'order-confirmation'), snapshot('sub_acme', 'acme', 'orders'));

    await dispatcher.dispatch(event('order.confirmed', 'skip'));
    expect(attempts).toEqual(['komet:sub_komet']);
  });

  it('delivers nothing when no hosted plugin takes the type, or the plugin of a subscription is not hosted here', async () => {
    const { dispatcher, subscribe, attempts } = await routing([acmePlugin]);
    subscribe(snapshot('sub_komet', 'komet', 'order-confirmation'), snapshot('sub_postback', 'postback', 'order.completed'));

    await dispatcher.dispatch(event('order.confirmed'));
    await dispatcher.dispatch(testEvent('order.completed', {}));
    expect(attempts).toEqual([]);
  });

  it('hands a paced plugin’s event to the schedule', async () => {
    const { dispatcher, subscribe, attempts } = await routing([registered('secutix')]);
    subscribe(snapshot('sub_secutix', 'secutix', 'order-closed'));

    const data = { orderId: 7, orderDetailsData: { orderType: 'SALE', orderState: 'CLOSED', operationDatas: [] } };
    await dispatcher.dispatch(testEvent('order.closed', data));
    expect(attempts).toEqual(['scheduled:sub_secutix']);
  });
});

describe('routing a retry', () => {
  const retry = (subscriptionId: string, route: Pick<RetryRecordV1, 'plugin' | 'hook'>): RetryRecordV1 => ({
    ...{ deliveryId: `dlv_${subscriptionId}`, eventId: 'evt_1', subscriptionId, tenantId: 'tenant_1', ...route },
    ...{ attempt: 2, event: event('order.confirmed'), manual: false },
  });

  it('attempts it through the plugin of its subscription', async () => {
    const { retries, subscribe, attempts } = await routing([registered('komet'), acmePlugin]);
    subscribe(snapshot('sub_acme', 'acme', 'orders'));

    await retries.handle(retry('sub_acme', { plugin: 'acme', hook: 'orders' }));
    expect(attempts).toEqual(['acme:sub_acme']);
  });

  it('cancels it through the plugin the record names once its subscription is gone, even when another plugin takes the type', async () => {
    const { retries, logged } = await routing([registered('komet'), acmePlugin]);

    await retries.handle(retry('sub_gone', { plugin: 'acme', hook: 'orders' }));
    expect(logged).toEqual([expect.objectContaining({ subscriptionId: 'sub_gone', plugin: 'acme', hook: 'orders', outcome: 'cancelled' })]);
  });

  it('leaves a retry of a plugin not hosted here to the deployment that hosts it', async () => {
    const { retries, logged, attempts } = await routing([registered('komet')]);

    await retries.handle(retry('sub_gone', { plugin: 'acme', hook: 'orders' }));
    expect([...logged, ...attempts]).toEqual([]);
  });

  it('leaves a retry of a live or switched-off subscription of a plugin hosted elsewhere to its deployment', async () => {
    const { retries, subscribe, logged, attempts } = await routing([registered('komet')]);
    subscribe(snapshot('sub_acme', 'acme', 'orders'), snapshot('sub_acme_off', 'acme', 'orders', { enabled: false }));

    await retries.handle(retry('sub_acme', { plugin: 'acme', hook: 'orders' }));
    await retries.handle(retry('sub_acme_off', { plugin: 'acme', hook: 'orders' }));
    expect([...logged, ...attempts]).toEqual([]);
  });

  it('leaves a record written before retries named their plugin to the deployment of the first plugin of the build taking its type', async () => {
    const { retries, logged } = await routing([registered('webhook')]);

    await retries.handle(retry('sub_gone', {}));
    expect(logged).toEqual([]);
  });

  it('cancels a record written before retries named their plugin through the hosted hook that takes its type', async () => {
    const { retries, logged } = await routing([registered('komet')]);

    await retries.handle(retry('sub_gone', {}));
    expect(logged).toEqual([expect.objectContaining({ plugin: 'komet', hook: 'order-confirmation', outcome: 'cancelled' })]);
  });
});

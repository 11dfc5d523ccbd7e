import { pollUntil, testDatabases, uniqueGroup, uniquePrefix } from '@hookbus/testing';
import { ApiClient, newTenant, spawnConfigService } from '../support/config-service';
import { ServiceProcess } from '../support/service-process';

interface ViewItem {
  id: string;
  plugin: string;
  hook: string;
  enabled: boolean;
  status: string;
  version: number;
}

const byId = (a: ViewItem, b: ViewItem) => a.id.localeCompare(b.id);
const comparable = ({ id, plugin, hook, enabled, status, version }: ViewItem) => ({ id, plugin, hook, enabled, status, version });

describe.each(testDatabases())('delivery-service view from the compacted topic equals config-service on $label', (database) => {
  const prefix = uniquePrefix('view');
  let config: ServiceProcess;
  let tenant: Awaited<ReturnType<typeof newTenant>>;
  const running: ServiceProcess[] = [];

  beforeAll(async () => {
    await database.create();
    config = await spawnConfigService(database, prefix);
    running.push(config);
    tenant = await newTenant(config);
  });

  afterAll(async () => {
    await Promise.all(running.map((service) => service.stop()));
    await database.drop();
  });

  const startDelivery = async (topicPrefix = prefix) => {
    const delivery = await ServiceProcess.spawn('delivery-service', {
      KAFKA_TOPIC_PREFIX: topicPrefix,
      KAFKA_GROUP_ID: uniqueGroup('delivery'),
      LOG_LEVEL: 'warn',
    });
    running.push(delivery);
    return delivery.ready();
  };
  const configState = async (): Promise<ViewItem[]> =>
    (await tenant.client.get('/v1/subscriptions')).body.items.map(comparable).sort(byId);
  const viewOf = async (delivery: ServiceProcess): Promise<ViewItem[]> =>
    (((await (await delivery.asOperator('/v1/subscription-view')).json()) as { items: ViewItem[] }).items).map(comparable).sort(byId);
  const expectSameView = async (delivery: ServiceProcess) => {
    const expected = await configState();
    await pollUntil('the delivery-service view equals the database', async () =>
      JSON.stringify(await viewOf(delivery)) === JSON.stringify(expected));
    expect(await viewOf(delivery)).toEqual(expected);
  };
  const create = async (body: Record<string, unknown>) => (await tenant.client.post('/v1/subscriptions', body)).body.id as string;

  it('rebuilds the same view after a restart, including changes made while it was down', async () => {
    const komet = await create({ plugin: 'komet', hook: 'order-confirmation', url: 'https://erp.example.com/a' });
    const secutix = await create({ plugin: 'secutix', hook: 'order-closed', url: 'http://x/${orderId}', method: 'GET' });
    const doomed = await create({ plugin: 'postback', hook: 'order.completed', url: 'https://p.example.com' });
    await tenant.client.patch(`/v1/subscriptions/${komet}`, { url: 'https://erp.example.com/b' });
    await tenant.client.delete(`/v1/subscriptions/${doomed}`);

    const first = await startDelivery();
    await expectSameView(first);
    expect(await first.stop()).toBe(0);

    await tenant.client.patch(`/v1/subscriptions/${secutix}`, { enabled: false });
    await create({ plugin: 'komerce', hook: 'order-status', url: 'https://k.example.com' });
    const second = await startDelivery();
    await expectSameView(second);
    expect((await viewOf(second)).find(({ id }) => id === secutix)).toMatchObject({ enabled: false, version: 2 });
  });

  it('republishes every subscription when config-service starts, so a fresh topic rebuilds the view', async () => {
    const freshPrefix = uniquePrefix('republish');
    expect(await config.stop()).toBe(0);
    config = await spawnConfigService(database, freshPrefix);
    running.push(config);
    tenant = { ...tenant, client: new ApiClient(config.url, tenant.key) };
    const delivery = await startDelivery(freshPrefix);
    await expectSameView(delivery);
    expect((await configState()).length).toBeGreaterThanOrEqual(3);
  });
});

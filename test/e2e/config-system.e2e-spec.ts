import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Topics } from '@hookbus/contracts';
import type { KafkaBus } from '@hookbus/kafka';
import { pollUntil, testBus, testDatabases, uniqueGroup, uniquePrefix } from '@hookbus/testing';
import { ApiClient, newTenant, spawnConfigService } from '../support/config-service';
import { freePort, OPERATOR_TOKEN, type ServiceProcess } from '../support/service-process';

// A real process and a real broker: more than Jest's default 5 s.
jest.setTimeout(90_000);

/** A stand-in service whose /health/ready answers `status`. */
async function healthServer(status: number): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    response.writeHead(request.url === '/health/ready' ? status : 404, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

interface SystemView {
  services: { name: string; url: string; ready: boolean; status?: number; error?: string }[];
  consumerGroups: { groupId: string; topics: { topic: string; lag: number }[] }[];
  quarantine: { topic: string; messages: number }[];
}

describe('config-service system overview (real broker, real process)', () => {
  // The database does not matter here; the overview reads Kafka and HTTP only.
  const [database] = testDatabases();
  const prefix = uniquePrefix('system');
  let service: ServiceProcess;
  let bus: KafkaBus;
  let sick: { server: Server; url: string };
  let well: { server: Server; url: string };
  let closedUrl: string;
  const operator = () => new ApiClient(service.url, OPERATOR_TOKEN);
  const overview = async (): Promise<SystemView> => {
    const { status, body } = await operator().get('/v1/system');
    if (status !== 200) throw new Error(`GET /v1/system answered ${status}: ${JSON.stringify(body)}`);
    return body;
  };

  beforeAll(async () => {
    await database.create();
    bus = await testBus(prefix);
    [sick, well] = await Promise.all([healthServer(503), healthServer(200)]);
    closedUrl = `http://127.0.0.1:${await freePort()}`;
    service = await spawnConfigService(database, prefix, {
      HOOKBUS_SERVICE_URLS: `ingest-service=${closedUrl},delivery-service=${sick.url},notifier-service=${well.url}/`,
    });
  });

  afterAll(async () => {
    await service?.stop();
    await bus?.disconnect();
    await Promise.all([sick, well].map((stub) => stub && new Promise((resolve) => stub.server.close(resolve))));
    await database.drop();
  });

  it('probes config-service and every configured service, saying which are ready', async () => {
    const { services } = await overview();

    expect(services).toEqual([
      { name: 'config-service', url: service.url, ready: true, status: 200 },
      { name: 'ingest-service', url: closedUrl, ready: false, error: expect.stringContaining('ECONNREFUSED') },
      { name: 'delivery-service', url: sick.url, ready: false, status: 503 },
      { name: 'notifier-service', url: well.url, ready: true, status: 200 },
    ]);
  });

  it("shows a hookbus consumer group's lag per topic: produced minus committed, a partition without commits counted in full", async () => {
    const groupId = uniqueGroup('hookbus-lag-probe');
    const handled: string[] = [];
    // 4 messages on one partition, consumed and committed by a real at-least-once consumer…
    await bus.publish(Topics.notifications.name, ['a', 'b', 'c', 'd'].map((value) => ({ key: 'sub_first', value })));
    const consumer = await bus.consume({ groupId, topics: [Topics.notifications.name], handle: async (message) => void handled.push(String(message.value)) });
    await pollUntil('the 4 messages are committed', async () => {
      const committed = [...(await bus.committedOffsets(groupId, Topics.notifications.name)).values()].filter((offset) => offset >= 0n);
      return committed.reduce((sum, offset) => sum + offset, 0n) === 4n;
    });
    await consumer.stop();
    // …then 6 more on several keys (so on partitions it never committed on) that nobody reads.
    await bus.publish(Topics.notifications.name, ['e', 'f', 'g', 'h', 'i', 'j'].map((value, index) => ({ key: `sub_${index}`, value })));
    // A group outside hookbus's naming is not shown, though it has committed offsets too.
    const foreign = uniqueGroup('audit');
    const auditor = await bus.consume({ groupId: foreign, topics: [Topics.notifications.name], handle: async () => undefined });
    await pollUntil('the foreign group has committed', async () =>
      [...(await bus.committedOffsets(foreign, Topics.notifications.name)).values()].some((offset) => offset > 0n));
    await auditor.stop();

    const group = await pollUntil('the overview shows the lag of 6', async () => {
      const found = (await overview()).consumerGroups.find((candidate) => candidate.groupId === `${prefix}${groupId}`);
      return found?.topics[0]?.lag === 6 && found;
    });
    expect(group).toEqual({ groupId: `${prefix}${groupId}`, topics: [{ topic: `${prefix}${Topics.notifications.name}`, lag: 6 }] });
    expect(handled).toEqual(['a', 'b', 'c', 'd']);

    const groupIds = (await overview()).consumerGroups.map((candidate) => candidate.groupId);
    // config-service's own group, named by its KAFKA_GROUP_ID default under the prefix.
    expect(groupIds).toContain(`${prefix}hookbus-config-service`);
    expect(groupIds).not.toContain(`${prefix}${foreign}`);
    expect(groupIds.every((id) => id.startsWith(`${prefix}hookbus`))).toBe(true);
  });

  it('counts the messages sitting in each quarantine topic', async () => {
    const topic = `${prefix}${Topics.quarantine.name}`;
    expect((await overview()).quarantine).toEqual([{ topic, messages: 0 }]);

    await bus.publish(Topics.quarantine.name, ['x', 'y', 'z'].map((value) => ({ key: value, value })));

    await pollUntil('3 quarantined messages show', async () => (await overview()).quarantine[0]?.messages === 3);
    expect((await overview()).quarantine).toEqual([{ topic, messages: 3 }]);
  });

  it('answers the operator only', async () => {
    const tenant = await newTenant(service, ['admin']);
    expect((await tenant.client.get('/v1/system')).status).toBe(403);
    expect((await new ApiClient(service.url).get('/v1/system')).status).toBe(401);
  });

  it('is documented under the system tag in /docs-json', async () => {
    const { body } = await new ApiClient(service.url).get('/docs-json');
    const route = body.paths['/v1/system'].get;
    expect(route.tags).toEqual(['system']);
    expect(Object.keys(route.responses['200'].content['application/json'].schema.properties).sort()).toEqual(
      ['consumerGroups', 'kafkaError', 'quarantine', 'services'],
    );
  });
});

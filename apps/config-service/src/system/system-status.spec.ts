import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpAdapterHost } from '@nestjs/core';
import type { KafkaOverview } from './kafka-overview';
import { SystemStatus } from './system-status';

/** A loopback server answering /health/ready with `status`: stands in for config-service's own listener or another service. */
async function serving(status: number): Promise<Server> {
  const server = createServer((_, response) => response.writeHead(status).end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}
const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const hostOf = (server: Server) => ({ httpAdapter: { getHttpServer: () => server } }) as unknown as HttpAdapterHost;

describe('SystemStatus', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  });

  const kafka = {
    consumerGroups: async () => [{ groupId: 'hookbus-config-service', topics: [{ topic: 'hookbus.deliveries.log.v1', lag: 3 }] }],
    quarantine: async () => [{ topic: 'hookbus.events.quarantine.v1', messages: 2 }],
  } as unknown as KafkaOverview;

  it('probes config-service on its own listening address first, then the configured services, with the Kafka overview', async () => {
    const self = await serving(200);
    const ingest = await serving(503);
    servers.push(self, ingest);
    const status = new SystemStatus([{ name: 'ingest-service', url: urlOf(ingest) }], kafka, hostOf(self));

    await expect(status.read()).resolves.toEqual({
      services: [
        { name: 'config-service', url: urlOf(self), ready: true, status: 200 },
        { name: 'ingest-service', url: urlOf(ingest), ready: false, status: 503 },
      ],
      consumerGroups: [{ groupId: 'hookbus-config-service', topics: [{ topic: 'hookbus.deliveries.log.v1', lag: 3 }] }],
      quarantine: [{ topic: 'hookbus.events.quarantine.v1', messages: 2 }],
    });
  });

  it('takes config-service from HOOKBUS_SERVICE_URLS when it is listed there', async () => {
    const listed = await serving(200);
    const own = await serving(500);
    servers.push(listed, own);
    const status = new SystemStatus([{ name: 'config-service', url: urlOf(listed) }], kafka, hostOf(own));

    expect((await status.read()).services).toEqual([{ name: 'config-service', url: urlOf(listed), ready: true, status: 200 }]);
  });

  it('still shows the services when Kafka fails, saying why the Kafka part is empty', async () => {
    const self = await serving(503);
    servers.push(self);
    const down = { consumerGroups: () => Promise.reject(new Error('Connection error: ECONNREFUSED')), quarantine: async () => [] } as unknown as KafkaOverview;

    await expect(new SystemStatus([], down, hostOf(self)).read()).resolves.toEqual({
      services: [{ name: 'config-service', url: urlOf(self), ready: false, status: 503 }],
      consumerGroups: [],
      quarantine: [],
      kafkaError: 'Connection error: ECONNREFUSED',
    });
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { probeService } from './service-probe';

/** A loopback HTTP server answering every request with `status` after `delayMs`. */
async function answering(status: number, delayMs = 0): Promise<{ url: string; paths: string[]; server: Server }> {
  const paths: string[] = [];
  const server = createServer((request, response) => {
    paths.push(request.url ?? '');
    setTimeout(() => response.writeHead(status, { location: 'http://127.0.0.1:1/' }).end('{}'), delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, paths, server };
}

/** A loopback port nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const { server } = await answering(200);
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('probeService', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  });
  const start = async (status: number, delayMs = 0) => {
    const target = await answering(status, delayMs);
    servers.push(target.server);
    return target;
  };

  it('asks /health/ready and calls a 2xx ready', async () => {
    const target = await start(200);
    await expect(probeService({ name: 'ingest-service', url: target.url })).resolves.toEqual({
      name: 'ingest-service', url: target.url, ready: true, status: 200,
    });
    expect(target.paths).toEqual(['/health/ready']);
  });

  it.each([503, 302])('calls %s not ready, with the status, without following a redirect', async (status) => {
    const target = await start(status);
    await expect(probeService({ name: 'x', url: target.url })).resolves.toEqual({ name: 'x', url: target.url, ready: false, status });
    expect(target.paths).toHaveLength(1);
  });

  it('says why when nothing answers', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const state = await probeService({ name: 'x', url });
    expect(state).toEqual({ name: 'x', url, ready: false, error: expect.stringContaining('ECONNREFUSED') });
  });

  it('gives up after the timeout', async () => {
    const target = await start(200, 1_000);
    await expect(probeService({ name: 'x', url: target.url }, 100)).resolves.toEqual({
      name: 'x', url: target.url, ready: false, error: 'no answer within 100 ms',
    });
  });
});

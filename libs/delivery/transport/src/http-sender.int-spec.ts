import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EgressAllowList } from '@hookbus/egress';
import { HttpSender, type HttpSenderOptions } from './http-sender';
import type { SendResult } from './send-result';

// Real HTTP servers on 127.0.0.1; the only test traffic goes to loopback.
interface TestServer {
  readonly origin: string;
  readonly port: number;
  readonly requests: IncomingMessage[];
  connections: number;
}

const servers: Server[] = [];
const senders: HttpSender[] = [];

async function startServer(handler: RequestListener): Promise<TestServer> {
  const server = createServer();
  const state: TestServer = { origin: '', port: 0, requests: [], connections: 0 };
  server.on('connection', () => state.connections++);
  server.on('request', (request: IncomingMessage, response) => {
    state.requests.push(request);
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, { origin: `http://127.0.0.1:${port}`, port });
}

function sender(options: HttpSenderOptions = {}): HttpSender {
  const created = new HttpSender(options);
  senders.push(created);
  return created;
}

const ok: RequestListener = (_request, response) => response.end('ok');
const expectError = (result: SendResult, error: string) => expect(result).toMatchObject({ kind: 'error', error });

afterEach(async () => {
  await Promise.all(senders.splice(0).map((each) => each.close()));
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

describe('HttpSender against real servers', () => {
  it('sends the request and returns status, lower-cased headers, body and duration', async () => {
    let received = '';
    const server = await startServer((request, response) => {
      request.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
      request.on('end', () => response.writeHead(201, { 'X-Vendor': 'yes' }).end('{"status":"1"}'));
    });
    const result = await sender({ egressAllow: EgressAllowList.parse('127.0.0.1') }).send({
      method: 'post',
      url: `${server.origin}/hook?x=1`,
      headers: { 'content-type': 'application/json', 'webhook-id': 'dlv_1' },
      body: '{"orderId":6908}',
    });
    expect(result).toMatchObject({ kind: 'response', status: 201, body: '{"status":"1"}', truncated: false });
    expect(result.kind === 'response' && result.headers['x-vendor']).toBe('yes');
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    const [request] = server.requests;
    expect([request.method, request.url, request.headers['webhook-id'], request.headers['user-agent']]).toEqual(['POST', '/hook?x=1', 'dlv_1', 'hookbus-webhooks/1']);
    expect(received).toBe('{"orderId":6908}');
  });

  it('reads at most the cap of a large body and flags it truncated', async () => {
    const server = await startServer((_request, response) => response.end('x'.repeat(64 * 1024)));
    const send = sender({ egressAllow: EgressAllowList.parse('127.0.0.1') });
    const capped = await send.send({ method: 'GET', url: server.origin });
    expect(capped).toMatchObject({ kind: 'response', status: 200, truncated: true });
    expect(capped.kind === 'response' && capped.body.length).toBe(16 * 1024);
    const small = await send.send({ method: 'GET', url: server.origin, maxBodyBytes: 10 });
    expect(small).toMatchObject({ body: 'x'.repeat(10), truncated: true });
  });

  it('times out on a server that never answers, and on one that stalls mid-body', async () => {
    const silent = await startServer(() => undefined);
    const send = sender({ egressAllow: EgressAllowList.parse('127.0.0.1') });
    const started = Date.now();
    expectError(await send.send({ method: 'POST', url: silent.origin, body: '{}', timeoutMs: 200 }), 'timeout');
    expect(Date.now() - started).toBeLessThan(2_000);

    const stalling = await startServer((_request, response) => response.writeHead(200, { 'content-length': '100' }).write('partial'));
    const result = await send.send({ method: 'GET', url: stalling.origin, timeoutMs: 200 });
    expect(result).toMatchObject({ kind: 'error', error: 'timeout', message: 'no complete response within 200 ms' });
  });

  it('reuses one keep-alive connection for sequential requests', async () => {
    const server = await startServer(ok);
    const send = sender({ egressAllow: EgressAllowList.parse('127.0.0.1') });
    for (let i = 0; i < 5; i++) expect(await send.send({ method: 'POST', url: server.origin, body: `${i}` })).toMatchObject({ status: 200 });
    expect(server.requests).toHaveLength(5);
    expect(server.connections).toBe(1);
  });

  it('refuses 127.0.0.1 unless allow-listed, before any connection', async () => {
    const server = await startServer(ok);
    const refused = await sender().send({ method: 'GET', url: server.origin });
    expectError(refused, 'ssrf_refused');
    expect(refused.kind === 'error' && refused.message).toContain('127.0.0.1 (loopback)');
    expect(server.connections).toBe(0);

    expect(await sender({ egressAllow: EgressAllowList.parse('127.0.0.1') }).send({ method: 'GET', url: server.origin })).toMatchObject({ status: 200 });
    expect(await sender({ egressAllow: EgressAllowList.parse('127.0.0.0/8') }).send({ method: 'GET', url: server.origin })).toMatchObject({ status: 200 });
    expect(await sender({ egressAllow: EgressAllowList.parse(`127.0.0.1:${server.port}`) }).send({ method: 'GET', url: server.origin })).toMatchObject({ status: 200 });
    expectError(await sender({ egressAllow: EgressAllowList.parse('127.0.0.1:1') }).send({ method: 'GET', url: server.origin }), 'ssrf_refused');
  });

  it('refuses a host name that resolves to loopback (localhost) unless the name is allow-listed with that port', async () => {
    const server = await startServer(ok);
    const url = `http://localhost:${server.port}/`;
    expectError(await sender().send({ method: 'GET', url }), 'ssrf_refused');
    expectError(await sender({ egressAllow: EgressAllowList.parse('10.0.0.0/8') }).send({ method: 'GET', url }), 'ssrf_refused');
    // A name without a port opens 80 and 443 only.
    expectError(await sender({ egressAllow: EgressAllowList.parse('localhost') }).send({ method: 'GET', url }), 'ssrf_refused');
    expect(server.connections).toBe(0);
    // localhost may resolve to ::1 first; nothing listens there, so the sender moves on to 127.0.0.1.
    expect(await sender({ egressAllow: EgressAllowList.parse(`localhost:${server.port}`) }).send({ method: 'GET', url })).toMatchObject({ status: 200 });
  });

  it('checks the address it resolved itself, once per connection, and keeps the name in Host', async () => {
    const server = await startServer(ok);
    const resolve = jest.fn(async () => ['127.0.0.1']);
    const url = `http://hooks.example:${server.port}/in`;
    expectError(await sender({ resolve }).send({ method: 'GET', url }), 'ssrf_refused');

    const allowed = sender({ resolve, egressAllow: EgressAllowList.parse(`hooks.example:${server.port}`) });
    resolve.mockClear();
    for (let i = 0; i < 3; i++) expect(await allowed.send({ method: 'GET', url })).toMatchObject({ status: 200 });
    expect(resolve).toHaveBeenCalledTimes(1);
    expect(server.requests.map((request) => request.headers.host)).toEqual(Array(3).fill(`hooks.example:${server.port}`));
  });

  it.each([
    ['198.18.0.1', 'reserved'],
    ['2002:7f00:1::', 'loopback'],
    ['::7f00:1', 'loopback'],
    ['100.100.100.200', 'metadata'],
  ])('refuses a name resolving to %s (%s) before any connection', async (address, addressClass) => {
    const result = await sender({ resolve: async () => [address] }).send({ method: 'GET', url: 'http://hooks.example/' });
    expectError(result, 'ssrf_refused');
    expect(result.kind === 'error' && result.message).toContain(`${address} (${addressClass})`);
  });

  it('returns a redirect as the answer instead of following it', async () => {
    const server = await startServer((request, response) =>
      request.url === '/old' ? response.writeHead(302, { location: '/new' }).end() : response.end('followed'),
    );
    const result = await sender({ egressAllow: EgressAllowList.parse('127.0.0.1') }).send({ method: 'POST', url: `${server.origin}/old`, body: '{}' });
    expect(result).toMatchObject({ kind: 'response', status: 302, body: '' });
    expect(result.kind === 'response' && result.headers.location).toBe('/new');
    expect(server.requests.map((request) => request.url)).toEqual(['/old']);
  });

  it('reports a refused connection and a DNS failure as results, not exceptions', async () => {
    const server = await startServer(ok);
    const { origin } = server;
    await new Promise<void>((resolve) => servers.pop()?.close(() => resolve()));
    expectError(await sender({ egressAllow: EgressAllowList.parse('127.0.0.1') }).send({ method: 'GET', url: origin }), 'connection');

    const unknown = async () => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.example'), { code: 'ENOTFOUND' }));
    expectError(await sender({ resolve: unknown }).send({ method: 'GET', url: 'http://nowhere.example/' }), 'dns');
  });

  it('throws for a request that could never be sent', async () => {
    await expect(sender().send({ method: 'GET', url: 'ftp://127.0.0.1/' })).rejects.toThrow(TypeError);
    await expect(
      sender({ egressAllow: EgressAllowList.parse('127.0.0.1') }).send({ method: 'GET', url: 'http://127.0.0.1:1/', headers: { 'x-bad': 'a\r\nb' } }),
    ).rejects.toThrow();
  });
});

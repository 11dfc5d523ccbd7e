import type { Socket } from 'node:net';
import type { buildConnector } from 'undici';
import { EgressAllowList } from '@hookbus/egress';
import { EgressPolicy } from './egress-policy';
import { EgressRefusedError } from './egress-refused.error';
import { guardedConnector, type HostResolver } from './guarded-connector';

const socket = {} as Socket;

/** A fake socket opener: records every attempt; addresses in `refusing` fail with ECONNREFUSED. */
function fakeConnect(refusing: string[] = []) {
  const calls: buildConnector.Options[] = [];
  const connect: buildConnector.connector = (options, callback) => {
    calls.push(options);
    if (refusing.includes(options.hostname)) callback(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }), null);
    else callback(null, socket);
  };
  return { calls, connect };
}

function open(connector: buildConnector.connector, options: Partial<buildConnector.Options> = {}) {
  return new Promise<{ error: Error | null; socket: unknown }>((resolve) =>
    connector({ hostname: 'hooks.example', host: 'hooks.example', protocol: 'https:', port: '', ...options }, (error, opened) =>
      resolve({ error, socket: opened }),
    ),
  );
}

const resolverOf = (answers: Record<string, string[]>): jest.MockedFunction<HostResolver> =>
  jest.fn(async (hostname: string) => answers[hostname] ?? []);

describe('guardedConnector', () => {
  it('resolves once and connects to that exact IP, keeping the host name for SNI', async () => {
    const resolve = resolverOf({ 'hooks.example': ['93.184.216.34'] });
    const { calls, connect } = fakeConnect();
    const result = await open(guardedConnector({ policy: new EgressPolicy(), resolve, connect }));
    expect(result).toEqual({ error: null, socket });
    expect(resolve).toHaveBeenCalledTimes(1);
    expect(calls).toEqual([expect.objectContaining({ hostname: '93.184.216.34', host: 'hooks.example', servername: 'hooks.example' })]);
  });

  it('refuses a name resolving to a forbidden address, without opening a socket', async () => {
    const { calls, connect } = fakeConnect();
    const resolve = resolverOf({ 'hooks.example': ['127.0.0.1'] });
    const { error } = await open(guardedConnector({ policy: new EgressPolicy(), resolve, connect }));
    expect(error).toBeInstanceOf(EgressRefusedError);
    expect(error).toMatchObject({ code: 'HOOKBUS_EGRESS_REFUSED', hostname: 'hooks.example', address: '127.0.0.1', addressClass: 'loopback' });
    expect(calls).toEqual([]);
  });

  it.each([
    ['198.18.0.1', 'reserved'],
    ['192.0.0.8', 'reserved'],
    ['203.0.113.7', 'reserved'],
    ['100.100.100.200', 'metadata'],
    ['64:ff9b:1::a00:1', 'reserved'],
    ['2002:7f00:1::', 'loopback'],
    ['2001::5efe:7f00:1', 'reserved'],
    ['100::1', 'reserved'],
    ['::7f00:1', 'loopback'],
    ['::ffff:0:a00:1', 'private'],
    ['3fff::1', 'reserved'],
    ['5f00::1', 'reserved'],
  ])('refuses a name resolving to %s (%s) without opening a socket', async (address, addressClass) => {
    const { calls, connect } = fakeConnect();
    const resolve = resolverOf({ 'hooks.example': [address] });
    const { error } = await open(guardedConnector({ policy: new EgressPolicy(), resolve, connect }));
    expect(error).toMatchObject({ code: 'HOOKBUS_EGRESS_REFUSED', address, addressClass });
    expect(calls).toEqual([]);
  });

  it('checks IP literals without resolving them, and sends no SNI for them', async () => {
    const resolve = resolverOf({});
    const { calls, connect } = fakeConnect();
    const refused = await open(guardedConnector({ policy: new EgressPolicy(), resolve, connect }), { hostname: '169.254.169.254' });
    expect(refused.error).toMatchObject({ addressClass: 'metadata' });
    const connector = guardedConnector({ policy: new EgressPolicy(EgressAllowList.parse('::1')), resolve, connect });
    expect((await open(connector, { hostname: '::1', host: '[::1]:8443' })).error).toBeNull();
    expect(calls).toEqual([expect.objectContaining({ hostname: '::1', servername: undefined })]);
    expect(resolve).not.toHaveBeenCalled();
  });

  it('connects only to the permitted addresses of a mixed answer', async () => {
    const resolve = resolverOf({ 'hooks.example': ['10.0.0.7', '93.184.216.34', '169.254.169.254'] });
    const { calls, connect } = fakeConnect();
    await open(guardedConnector({ policy: new EgressPolicy(), resolve, connect }));
    expect(calls.map((call) => call.hostname)).toEqual(['93.184.216.34']);
  });

  it('tries the next permitted address when one refuses the connection, and reports the last error', async () => {
    const resolve = resolverOf({ localhost: ['::1', '127.0.0.1'] });
    const fallback = fakeConnect(['::1']);
    const connector = guardedConnector({ policy: new EgressPolicy(EgressAllowList.parse('localhost')), resolve, connect: fallback.connect });
    expect((await open(connector, { hostname: 'localhost', protocol: 'http:' })).error).toBeNull();
    expect(fallback.calls.map((call) => call.hostname)).toEqual(['::1', '127.0.0.1']);

    const dead = fakeConnect(['::1', '127.0.0.1']);
    const failing = guardedConnector({ policy: new EgressPolicy(EgressAllowList.parse('localhost')), resolve, connect: dead.connect });
    expect((await open(failing, { hostname: 'localhost' })).error).toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('passes DNS failures and empty answers on as DNS errors', async () => {
    const { connect } = fakeConnect();
    const failing: HostResolver = () => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }));
    expect((await open(guardedConnector({ policy: new EgressPolicy(), resolve: failing, connect }))).error).toMatchObject({ code: 'ENOTFOUND' });
    const empty = resolverOf({});
    expect((await open(guardedConnector({ policy: new EgressPolicy(), resolve: empty, connect }))).error).toMatchObject({ code: 'ENOTFOUND' });
  });
});

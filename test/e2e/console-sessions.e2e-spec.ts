import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseSetCookie, type SetCookie } from 'cookie';
import Database from 'libsql';
import { Client } from 'pg';
import { testDatabases, type TestDatabase, uniquePrefix } from '@hookbus/testing';
import { ApiClient, newTenant, spawnConfigService } from '../support/config-service';
import { OPERATOR_TOKEN, ServiceProcess } from '../support/service-process';

jest.setTimeout(90_000);

const CSRF = { 'x-hookbus-csrf': '1' };
const SPENT = 'This portal link has expired or was already used.';
const komet = { plugin: 'komet', hook: 'order-confirmation', url: 'https://erp.example.com/komet', auth: { type: 'token', token: 'komet-token-1' } };

// Tests assert response bodies structurally.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
interface Answer {
  readonly status: number;
  readonly body: Json;
  readonly headers: Headers;
}

/** A request as the console's browser sends it: the session cookie, and the CSRF header when asked for. */
async function send(
  baseUrl: string,
  method: string,
  pathname: string,
  options: { cookie?: string; csrf?: boolean; bearer?: string; body?: unknown } = {},
): Promise<Answer> {
  const response = await fetch(`${baseUrl}${pathname}`, {
    method,
    headers: {
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...(options.csrf ? CSRF : {}),
      ...(options.bearer ? { authorization: `Bearer ${options.bearer}` } : {}),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

/** The `Set-Cookie` of hookbus_session in an answer. */
function sessionCookieOf(answer: Answer): SetCookie | undefined {
  return answer.headers.getSetCookie().map((header) => parseSetCookie(header)).find(({ name }) => name === 'hookbus_session');
}

/** Moves a portal link's expiry into the past, as ten minutes passing would; fails unless exactly that row changed. */
async function expirePortalLink(database: TestDatabase, token: string): Promise<void> {
  const sha256 = createHash('sha256').update(token).digest('hex');
  const past = new Date(Date.now() - 1000);
  let changed: number;
  if (database.url.startsWith('sqlite:')) {
    const sqlite = new Database(database.url.slice('sqlite:'.length), { timeout: 5000 });
    try {
      // MikroORM keeps SQLite datetimes as epoch milliseconds.
      changed = sqlite.prepare('update portal_links set expires_at = ? where token_sha256 = ?').run(past.getTime(), sha256).changes;
    } finally {
      sqlite.close();
    }
  } else {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      changed = (await client.query('update portal_links set expires_at = $1 where token_sha256 = $2', [past, sha256])).rowCount ?? 0;
    } finally {
      await client.end();
    }
  }
  expect(changed).toBe(1);
}

describe.each(testDatabases())('console sign-in, portal links and the console itself, config-service on $label', (database) => {
  let service: ServiceProcess;
  let consoleDir: string;
  let tenantA: Awaited<ReturnType<typeof newTenant>>;
  let tenantB: Awaited<ReturnType<typeof newTenant>>;
  let operator: ApiClient;
  let subscriptionA: string;
  let subscriptionB: string;

  const call = (method: string, pathname: string, options?: Parameters<typeof send>[3]) => send(service.url, method, pathname, options);
  const signIn = (body: unknown, csrf = true) => call('POST', '/v1/sessions', { body, csrf });
  /** Signs in and answers the `Cookie` header the browser would send from then on. */
  const cookieFor = async (body: unknown): Promise<string> => {
    const answer = await signIn(body);
    expect(answer.status).toBe(204);
    const cookie = sessionCookieOf(answer);
    if (!cookie?.value) throw new Error(`no session cookie in ${answer.headers.getSetCookie().join(' | ')}`);
    return `hookbus_session=${cookie.value}`;
  };
  const portalLink = (bearer: string, body: unknown) => call('POST', '/v1/portal-sessions', { bearer, body });
  const tokenOf = (url: string) => new URL(url).hash.slice(1);

  beforeAll(async () => {
    await database.create();
    consoleDir = await mkdtemp(path.join(tmpdir(), 'hookbus-console-'));
    await mkdir(path.join(consoleDir, 'assets'));
    await writeFile(path.join(consoleDir, 'index.html'), '<!doctype html><title>hookbus console</title><script type="module" src="./assets/app.js"></script>');
    await writeFile(path.join(consoleDir, 'assets', 'app.js'), 'export {};');
    service = await spawnConfigService(database, uniquePrefix('sessions'), { HOOKBUS_CONSOLE_DIR: consoleDir });
    operator = new ApiClient(service.url, OPERATOR_TOKEN);
    tenantA = await newTenant(service, ['admin']);
    tenantB = await newTenant(service, ['admin']);
    subscriptionA = (await tenantA.client.post('/v1/subscriptions', komet)).body.id;
    subscriptionB = (await tenantB.client.post('/v1/subscriptions', komet)).body.id;
  });
  afterAll(async () => {
    expect(await service?.stop()).toBe(0);
    await database.drop();
    await rm(consoleDir, { recursive: true, force: true });
  });

  describe('signing in', () => {
    it('with an API key: 204 and an HttpOnly, SameSite=Strict cookie for the whole site, lasting 12 h', async () => {
      const answer = await signIn({ key: tenantA.key });
      expect(answer.status).toBe(204);
      const cookie = sessionCookieOf(answer);
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'strict', path: '/', maxAge: 43_200 });
      expect(cookie?.secure).toBeFalsy(); // plain HTTP here
      expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);

      const current = await call('GET', '/v1/sessions/current', { cookie: `hookbus_session=${cookie?.value}` });
      expect(current).toMatchObject({ status: 200, body: { kind: 'tenant', tenantId: tenantA.tenantId, tenantName: expect.stringMatching(/^tenant-/), roles: ['admin'] } });
      const expiresIn = Date.parse(current.body.expiresAt) - Date.now();
      expect(expiresIn).toBeGreaterThan(43_200_000 - 60_000);
      expect(expiresIn).toBeLessThanOrEqual(43_200_000);
    });

    it('with the operator token', async () => {
      const cookie = await cookieFor({ key: OPERATOR_TOKEN });
      expect((await call('GET', '/v1/sessions/current', { cookie })).body).toEqual({ kind: 'operator', roles: [], expiresAt: expect.any(String) });
      expect((await call('GET', '/v1/tenants', { cookie })).status).toBe(200);
    });

    it('refuses a wrong key (401), a request without the CSRF header (403), and a body without a key (400 naming it)', async () => {
      const wrong = await signIn({ key: `${tenantA.key}x` });
      expect(wrong.status).toBe(401);
      expect(wrong.headers.get('content-type')).toContain('application/problem+json');
      expect(sessionCookieOf(wrong)).toBeUndefined();

      const noHeader = await signIn({ key: tenantA.key }, false);
      expect(noHeader.status).toBe(403);
      expect(noHeader.body.detail).toContain('x-hookbus-csrf: 1');
      expect(sessionCookieOf(noHeader)).toBeUndefined();

      expect((await signIn({})).body.errors).toEqual([expect.objectContaining({ field: 'key' })]);
      expect((await signIn({ key: tenantA.key, portalToken: 'x' })).body.errors).toEqual([expect.objectContaining({ field: 'portalToken' })]);
    });

    it('answers 401 to /v1/sessions/current without a session or a bearer token; with a bearer token it says who', async () => {
      expect((await call('GET', '/v1/sessions/current')).status).toBe(401);
      expect((await call('GET', '/v1/sessions/current', { cookie: `hookbus_session=${randomBytes(32).toString('base64url')}` })).status).toBe(401);
      expect((await call('GET', '/v1/sessions/current', { bearer: tenantB.key })).body).toEqual({ kind: 'tenant', tenantId: tenantB.tenantId, tenantName: expect.any(String), roles: ['admin'] });
    });
  });

  describe('the cookie on every route', () => {
    let cookie: string;
    beforeAll(async () => {
      cookie = await cookieFor({ key: tenantA.key });
    });
    const countA = async () => (await tenantA.client.get('/v1/subscriptions')).body.items.length;

    it('reads with the cookie alone', async () => {
      const listed = await call('GET', '/v1/subscriptions', { cookie });
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([subscriptionA]);
    });

    it('refuses a state-changing request by cookie without the CSRF header (403, nothing changes), and accepts it with the header', async () => {
      const before = await countA();
      const refused = await call('POST', '/v1/subscriptions', { cookie, body: komet });
      expect(refused.status).toBe(403);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body.detail).toContain('x-hookbus-csrf');
      expect((await call('DELETE', `/v1/subscriptions/${subscriptionA}`, { cookie })).status).toBe(403);
      expect(await countA()).toBe(before);
      expect((await tenantA.client.get(`/v1/subscriptions/${subscriptionA}`)).status).toBe(200);

      const created = await call('POST', '/v1/subscriptions', { cookie, csrf: true, body: komet });
      expect(created.status).toBe(201);
      expect(await countA()).toBe(before + 1);
      expect((await call('DELETE', `/v1/subscriptions/${created.body.id}`, { cookie, csrf: true })).status).toBe(204);
    });

    it('still takes a bearer token without the CSRF header, and prefers it to the cookie', async () => {
      const created = await call('POST', '/v1/subscriptions', { bearer: tenantA.key, body: komet });
      expect(created.status).toBe(201);
      await tenantA.client.delete(`/v1/subscriptions/${created.body.id}`);
      const both = await call('GET', '/v1/subscriptions', { cookie, bearer: tenantB.key });
      expect(both.body.items.map((item: { id: string }) => item.id)).toEqual([subscriptionB]);
    });

    it('signs out: the session ends server-side, the cookie is cleared, and the old cookie is refused', async () => {
      const own = await cookieFor({ key: tenantA.key });
      expect((await call('DELETE', '/v1/sessions', { cookie: own })).status).toBe(403);
      expect((await call('GET', '/v1/sessions/current', { cookie: own })).status).toBe(200);

      const out = await call('DELETE', '/v1/sessions', { cookie: own, csrf: true });
      expect(out.status).toBe(204);
      expect(sessionCookieOf(out)).toMatchObject({ value: '', maxAge: 0, path: '/' });
      expect((await call('GET', '/v1/sessions/current', { cookie: own })).status).toBe(401);
      expect((await call('GET', '/v1/subscriptions', { cookie: own })).status).toBe(401);
      // Other sessions of the same key live on.
      expect((await call('GET', '/v1/sessions/current', { cookie })).status).toBe(200);
    });

    it('ends the session of a key as soon as the key is revoked', async () => {
      const key = await tenantA.client.post(`/v1/tenants/${tenantA.tenantId}/api-keys`, { roles: ['setup'] });
      const setupCookie = await cookieFor({ key: key.body.key });
      expect((await call('GET', '/v1/subscriptions', { cookie: setupCookie })).status).toBe(200);
      expect((await tenantA.client.delete(`/v1/tenants/${tenantA.tenantId}/api-keys/${key.body.id}`)).status).toBe(204);
      expect((await call('GET', '/v1/subscriptions', { cookie: setupCookie })).status).toBe(401);
      expect((await signIn({ key: key.body.key })).status).toBe(401);
    });
  });

  describe('portal links', () => {
    it('lets the operator make one for a tenant: a one-time link to the console, valid 10 minutes', async () => {
      const made = await portalLink(OPERATOR_TOKEN, { tenantId: tenantA.tenantId, roles: ['setup'] });
      expect(made.status).toBe(201);
      expect(made.body.url).toMatch(new RegExp(`^${service.url}/console/portal#[A-Za-z0-9_-]{43}$`));
      const validFor = Date.parse(made.body.expiresAt) - Date.now();
      expect(validFor).toBeGreaterThan(540_000);
      expect(validFor).toBeLessThanOrEqual(600_000);
    });

    it('lets a tenant admin make one for its own tenant only; not a setup key; never the producer role', async () => {
      expect((await portalLink(tenantA.key, { tenantId: tenantA.tenantId, roles: ['admin', 'setup'] })).status).toBe(201);
      const other = await portalLink(tenantA.key, { tenantId: tenantB.tenantId, roles: ['setup'] });
      expect(other.status).toBe(404);
      expect((await portalLink(OPERATOR_TOKEN, { tenantId: 'tnt_nope', roles: ['setup'] })).status).toBe(404);

      const setup = await tenantA.client.post(`/v1/tenants/${tenantA.tenantId}/api-keys`, { roles: ['setup'] });
      expect((await portalLink(setup.body.key, { tenantId: tenantA.tenantId, roles: ['setup'] })).status).toBe(403);

      const producer = await portalLink(OPERATOR_TOKEN, { tenantId: tenantA.tenantId, roles: ['setup', 'producer'] });
      expect(producer.status).toBe(400);
      expect(producer.body.errors).toEqual([expect.objectContaining({ field: 'roles.1', rule: 'invalid_value' })]);
      const tooLong = await portalLink(OPERATOR_TOKEN, { tenantId: tenantA.tenantId, roles: ['setup'], ttlSeconds: 43_201 });
      expect(tooLong.body.errors).toEqual([expect.objectContaining({ field: 'ttlSeconds', rule: 'too_big' })]);
    });

    it('is exchanged once for a session of that tenant and roles only; a second exchange is refused', async () => {
      const made = await portalLink(OPERATOR_TOKEN, { tenantId: tenantA.tenantId, roles: ['setup'], ttlSeconds: 600 });
      const portalToken = tokenOf(made.body.url);

      const exchanged = await signIn({ portalToken });
      expect(exchanged.status).toBe(204);
      expect(sessionCookieOf(exchanged)).toMatchObject({ httpOnly: true, sameSite: 'strict', path: '/', maxAge: 600 });
      const cookie = `hookbus_session=${sessionCookieOf(exchanged)?.value}`;
      expect((await call('GET', '/v1/sessions/current', { cookie })).body).toMatchObject({ kind: 'tenant', tenantId: tenantA.tenantId, roles: ['setup'] });
      expect((await call('GET', `/v1/subscriptions/${subscriptionA}`, { cookie })).status).toBe(200);
      expect((await call('GET', `/v1/subscriptions/${subscriptionB}`, { cookie })).status).toBe(404);
      // setup, not admin: no keys.
      expect((await call('POST', `/v1/tenants/${tenantA.tenantId}/api-keys`, { cookie, csrf: true, body: { roles: ['admin'] } })).status).toBe(403);

      const again = await signIn({ portalToken });
      expect(again.status).toBe(401);
      expect(again.headers.get('content-type')).toContain('application/problem+json');
      expect(again.body.detail).toBe(SPENT);
      expect(sessionCookieOf(again)).toBeUndefined();
    });

    it('opens a session for only one of two concurrent exchanges', async () => {
      const made = await portalLink(tenantA.key, { tenantId: tenantA.tenantId, roles: ['admin'] });
      const portalToken = tokenOf(made.body.url);
      const answers = await Promise.all([signIn({ portalToken }), signIn({ portalToken })]);
      expect(answers.map(({ status }) => status).sort()).toEqual([204, 401]);
    });

    it('is refused once expired', async () => {
      const made = await portalLink(OPERATOR_TOKEN, { tenantId: tenantA.tenantId, roles: ['admin'] });
      const portalToken = tokenOf(made.body.url);
      await expirePortalLink(database, portalToken);
      const late = await signIn({ portalToken });
      expect(late.status).toBe(401);
      expect(late.body.detail).toBe(SPENT);
    });

    it('can be made from a console session too (with the CSRF header)', async () => {
      const cookie = await cookieFor({ key: tenantA.key });
      expect((await call('POST', '/v1/portal-sessions', { cookie, body: { tenantId: tenantA.tenantId, roles: ['setup'] } })).status).toBe(403);
      expect((await call('POST', '/v1/portal-sessions', { cookie, csrf: true, body: { tenantId: tenantA.tenantId, roles: ['setup'] } })).status).toBe(201);
    });
  });

  describe('GET /v1/tenants', () => {
    it('is the operator’s alone', async () => {
      expect((await call('GET', '/v1/tenants')).status).toBe(401);
      expect((await tenantA.client.get('/v1/tenants')).status).toBe(403);
    });

    it('lists tenants newest first, a page at a time', async () => {
      const names: string[] = [];
      for (let i = 0; i < 3; i += 1) {
        const name = `paged-${i}-${randomBytes(3).toString('hex')}`;
        expect((await operator.post('/v1/tenants', { name })).status).toBe(201);
        names.push(name);
      }
      const all = await operator.get('/v1/tenants');
      expect(all.body.next).toBeUndefined();
      expect(all.body.items[0]).toEqual({ id: expect.stringMatching(/^tnt_/), name: expect.any(String), createdAt: expect.any(String) });
      const times = all.body.items.map((tenant: { createdAt: string }) => Date.parse(tenant.createdAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      expect(all.body.items.slice(0, 3).map((tenant: { name: string }) => tenant.name).sort()).toEqual([...names].sort());
      expect(all.body.items.map((tenant: { id: string }) => tenant.id)).toEqual(expect.arrayContaining([tenantA.tenantId, tenantB.tenantId]));

      const first = await operator.get('/v1/tenants?limit=2');
      expect(first.body.items).toEqual(all.body.items.slice(0, 2));
      expect(first.body.next).toEqual(expect.any(String));
      const second = await operator.get(`/v1/tenants?limit=2&cursor=${encodeURIComponent(first.body.next)}`);
      expect(second.body.items).toEqual(all.body.items.slice(2, 4));

      expect((await operator.get('/v1/tenants?limit=201')).body.errors).toEqual([expect.objectContaining({ field: 'limit', rule: 'too_big' })]);
      expect((await operator.get('/v1/tenants?cursor=nope')).body.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
    });
  });

  describe('the console', () => {
    const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    const get = (pathname: string) => fetch(`${service.url}${pathname}`, { redirect: 'manual' });
    const expectStrictHeaders = (response: Response) => {
      expect(response.headers.get('content-security-policy')).toBe(CSP);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    };

    it('redirects /console to /console/', async () => {
      const response = await get('/console');
      expect(response.status).toBe(301);
      expect(response.headers.get('location')).toBe('/console/');
      expectStrictHeaders(response);
    });

    it('serves index.html at /console/ and for client-side routes, not cached, under a strict CSP', async () => {
      for (const route of ['/console/', '/console/deliveries/dlv_x', '/console/portal']) {
        const response = await get(route);
        expect(response.status).toBe(200);
        expect(response.headers.get('cache-control')).toBe('no-cache');
        expect(await response.text()).toContain('<title>hookbus console</title>');
        expectStrictHeaders(response);
      }
    });

    it('serves assets with a long immutable cache, and a missing one as a 404 problem', async () => {
      const asset = await get('/console/assets/app.js');
      expect(asset.status).toBe(200);
      expect(asset.headers.get('cache-control')).toContain('immutable');
      expect(asset.headers.get('content-type')).toContain('javascript');
      expectStrictHeaders(asset);
      const missing = await get('/console/assets/nope.js');
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).toContain('application/problem+json');
    });

    it('says how to build it when it is not built', async () => {
      await rm(path.join(consoleDir, 'index.html'));
      const response = await get('/console/');
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(await response.json()).toMatchObject({ detail: 'The console is not built: run `npm run build`.' });
      expectStrictHeaders(response);
    });
  });

  it('documents the new routes, their bodies and the session cookie in the OpenAPI document', async () => {
    const { body } = await new ApiClient(service.url).get('/docs-json');
    const json = (operation: Json) => operation.requestBody.content['application/json'].schema;
    expect(json(body.paths['/v1/sessions'].post)).toMatchObject({ additionalProperties: false, properties: { key: expect.any(Object), portalToken: expect.any(Object) } });
    expect(json(body.paths['/v1/portal-sessions'].post)).toMatchObject({ required: expect.arrayContaining(['tenantId', 'roles']), properties: { ttlSeconds: { minimum: 60, maximum: 43_200 } } });
    expect(body.paths['/v1/sessions'].delete.tags).toEqual(['sessions']);
    expect(body.paths['/v1/sessions/current'].get.tags).toEqual(['sessions']);
    expect(body.paths['/v1/portal-sessions'].post.tags).toEqual(['sessions']);
    expect(body.paths['/v1/tenants'].get.tags).toEqual(['tenants']);
    expect(body.components.securitySchemes.cookie).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'hookbus_session' });
    expect(body.paths['/v1/subscriptions'].get.security).toEqual([{ bearer: [] }, { cookie: [] }]);
  });
});

describe('config-service boot with HOOKBUS_CONSOLE_URL', () => {
  it('refuses a console URL without its trailing slash, naming the variable', async () => {
    const service = await ServiceProcess.spawn('config-service', { DATABASE_URL: 'sqlite::memory:', HOOKBUS_CONSOLE_URL: 'https://hookbus.example.com/console' });
    expect(await service.exited).toBe(1);
    expect(service.output.join('\n')).toContain("HOOKBUS_CONSOLE_URL: must end with '/'");
  });
});

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Client } from 'pg';
import { subscriptionSnapshotV1, Topics } from '@hookbus/contracts';
import type { ConsumedMessage, KafkaBus } from '@hookbus/kafka';
import { REGISTERED_PLUGINS } from '@hookbus/plugin-registry';
import { collect, pollUntil, testBus, testDatabases, uniquePrefix } from '@hookbus/testing';
import { ApiClient, newTenant, spawnConfigService } from '../support/config-service';
import { OPERATOR_TOKEN, type ServiceProcess } from '../support/service-process';

const komet = {
  plugin: 'komet',
  hook: 'order-confirmation',
  url: 'https://erp.example.com/komet',
  auth: { type: 'token', token: 'komet-token-42' },
  errorEmails: ['ops@example.com'],
};

/** Every rule refused at configuration time: the body, and the field and rule the problem must name. */
const invalid: [string, Record<string, unknown>, string, string][] = [
  ['six error e-mails', { ...komet, errorEmails: ['a@x.io', 'b@x.io', 'c@x.io', 'd@x.io', 'e@x.io', 'f@x.io'] }, 'errorEmails', 'too_big'],
  ['an invalid e-mail', { ...komet, errorEmails: ['not-an-address'] }, 'errorEmails.0', 'invalid_format'],
  ['a Komet token over 50 characters', { ...komet, auth: { type: 'token', token: 'x'.repeat(51) } }, 'auth.token', 'too_big'],
  ['basic auth without a password', { ...komet, auth: { type: 'basic', username: 'u' } }, 'auth.password', 'invalid_type'],
  ['an unknown auth type', { ...komet, auth: { type: 'hmac' } }, 'auth.type', 'invalid_union'],
  ['an unknown field', { ...komet, colour: 'blue' }, 'colour', 'unrecognized_keys'],
  ['an unknown plugin', { ...komet, plugin: 'acme' }, 'plugin', 'unknown_plugin'],
  ['a hook of another plugin', { ...komet, hook: 'order-status' }, 'hook', 'unknown_hook'],
  ['GET on Komet', { ...komet, method: 'GET' }, 'method', 'method_not_allowed'],
  ['a relative URL', { ...komet, url: '/hook' }, 'url', 'invalid_url'],
  ['plain HTTP for Komerce', { plugin: 'komerce', hook: 'order-status', url: 'http://shop.example.com/hook' }, 'url', 'https_required'],
  ['a retry policy longer than the plugin allows', { plugin: 'komerce', hook: 'order-status', url: 'https://k.example.com', retryPolicy: { delaysSeconds: [1, 2, 3, 4] } }, 'retryPolicy.delaysSeconds', 'too_many_retries'],
  ['a retry delay over 24 h', { ...komet, retryPolicy: { delaysSeconds: [86_401] } }, 'retryPolicy.delaysSeconds.0', 'too_big'],
  ['SecuTix ?data={orderId}', { plugin: 'secutix', hook: 'order-closed', url: 'http://x/path/?data={orderId}' }, 'url', 'invalid_placeholder'],
  ['SecuTix ${order id}', { plugin: 'secutix', hook: 'order-closed', url: 'http://x/path/?data=${order id}' }, 'url', 'invalid_placeholder'],
  ['SecuTix another ${…}', { plugin: 'secutix', hook: 'order-closed', url: 'http://x/${customerId}' }, 'url', 'invalid_placeholder'],
  ['SecuTix GET without the placeholder', { plugin: 'secutix', hook: 'order-closed', url: 'http://x/orders', method: 'GET' }, 'url', 'placeholder_required'],
  ['a SecuTix template that is not JSON', { plugin: 'secutix', hook: 'order-closed', url: 'http://x/${orderId}', settings: { payloadTemplate: '{"id": ${orderId}' } }, 'settings.payloadTemplate', 'invalid_json'],
  ['a SecuTix filter that does not parse', { plugin: 'secutix', hook: 'order-closed', url: 'http://x/${orderId}', settings: { filter: 'OrderDetailsData.OperationDatas(*.ProductCode=1' } }, 'settings.filter', 'filter_syntax'],
  ['a SecuTix frequency of 0 minutes', { plugin: 'secutix', hook: 'order-closed', url: 'http://x/${orderId}', settings: { frequencyMinutes: 0 } }, 'settings.frequencyMinutes', 'too_small'],
  ['a SecuTix frequency over a day', { plugin: 'secutix', hook: 'order-closed', url: 'http://x/${orderId}', settings: { frequencyMinutes: 1441 } }, 'settings.frequencyMinutes', 'too_big'],
  ['an unknown SecuTix granularity', { plugin: 'secutix', hook: 'order-closed', url: 'http://x/${orderId}', settings: { granularity: 'SEATS' } }, 'settings.granularity', 'invalid_value'],
  ['an unknown postback source', { plugin: 'postback', hook: 'order.completed', url: 'https://p.example.com', settings: { sources: ['kiosk'] } }, 'settings.sources.0', 'invalid_value'],
  ['auth on SecuTix', { plugin: 'secutix', hook: 'order-closed', url: 'http://x/${orderId}', auth: { type: 'bearer', token: 't' } }, 'auth.type', 'auth_type_not_allowed'],
];

const valid: [string, Record<string, unknown>][] = [
  ['Komet with its authenticationToken', komet],
  ['Komet with Basic auth', { ...komet, hook: 'payment-cancellation', auth: { type: 'basic', username: 'erp', password: 'basic-secret-7' } }],
  ['Komerce over HTTPS with PUT', { plugin: 'komerce', hook: 'order-status', url: 'https://k.example.com/status', method: 'PUT' }],
  ['SecuTix GET http://x/${orderId}', { plugin: 'secutix', hook: 'order-closed', url: 'http://x/${orderId}', method: 'GET' }],
  ['SecuTix GET ?data=${orderId}', { plugin: 'secutix', hook: 'order-closed', url: 'http://x/path/?data=${orderId}', method: 'GET' }],
  ['SecuTix GET ${orderId}?update=true', { plugin: 'secutix', hook: 'order-closed', url: 'http://x/path/${orderId}?update=true', method: 'GET' }],
  ['SecuTix POST with a template and a filter', {
    plugin: 'secutix', hook: 'order-closed', url: 'http://x/orders', method: 'POST',
    settings: {
      payloadTemplate: '{"order": ${orderId}}',
      filter: 'OrderDetailsData.OperationDatas(*).ProductCode=P1;OrderDetailsData.OrderType=SALE',
      granularity: 'MOVEMENTS', frequencyMinutes: 15, batchSize: 20,
    },
  }],
  ['postback with two sources', { plugin: 'postback', hook: 'refund.applied', url: 'https://p.example.com', auth: { type: 'bearer', token: 'postback-bearer-9' }, settings: { sources: ['shop', 'funnel'] } }],
];

describe.each(testDatabases())('config-service on $label: tenants, keys and subscriptions', (database) => {
  const prefix = uniquePrefix('config');
  let service: ServiceProcess;
  let bus: KafkaBus;
  let published: ConsumedMessage[];
  let tenant: Awaited<ReturnType<typeof newTenant>>;

  beforeAll(async () => {
    await database.create();
    bus = await testBus(prefix);
    published = await collect(bus, Topics.subscriptions.name);
    service = await spawnConfigService(database, prefix);
    tenant = await newTenant(service);
  });

  afterAll(async () => {
    await service?.stop();
    await bus?.disconnect();
    await database.drop();
  });

  const topicSize = async () => [...(await bus.endOffsets(Topics.subscriptions.name)).values()].reduce((a, b) => a + b, 0n);

  describe('tenants and API keys', () => {
    it('lets only the operator create tenants', async () => {
      expect((await new ApiClient(service.url).post('/v1/tenants', { name: 'x' })).status).toBe(401);
      expect((await tenant.client.post('/v1/tenants', { name: 'x' })).status).toBe(403);
      const created = await new ApiClient(service.url, OPERATOR_TOKEN).post('/v1/tenants', { name: 'Acme' });
      expect(created).toMatchObject({ status: 201, body: { id: expect.stringMatching(/^tnt_/), name: 'Acme' } });
    });

    it('refuses a tenant without a name, naming the field', async () => {
      const response = await new ApiClient(service.url, OPERATOR_TOKEN).post('/v1/tenants', {});
      expect(response.status).toBe(400);
      expect(response.contentType).toContain('application/problem+json');
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'name', rule: 'invalid_type' })]);
    });

    it('shows a key once, lists it without its secret, and stops accepting it once revoked', async () => {
      const created = await tenant.client.post(`/v1/tenants/${tenant.tenantId}/api-keys`, { roles: ['setup'] });
      expect(created).toMatchObject({ status: 201, body: { id: expect.any(String), key: expect.stringMatching(/^hbk_/), roles: ['setup'] } });
      const setup = new ApiClient(service.url, created.body.key);
      expect((await setup.get('/v1/subscriptions')).status).toBe(200);
      expect((await setup.post(`/v1/tenants/${tenant.tenantId}/api-keys`, { roles: ['admin'] })).status).toBe(403);

      const listed = await tenant.client.get(`/v1/tenants/${tenant.tenantId}/api-keys`);
      expect(JSON.stringify(listed.body)).not.toContain(created.body.key.split('.')[1]);

      expect((await tenant.client.delete(`/v1/tenants/${tenant.tenantId}/api-keys/${created.body.id}`)).status).toBe(204);
      expect((await setup.get('/v1/subscriptions')).status).toBe(401);
    });

    it('answers 413 to a body over the limit and 400 to malformed JSON, as problems', async () => {
      const send = (body: string) => fetch(`${service.url}/v1/tenants`, {
        method: 'POST',
        headers: { authorization: `Bearer ${OPERATOR_TOKEN}`, 'content-type': 'application/json' },
        body,
      });
      const tooLarge = await send(JSON.stringify({ name: 'x'.repeat(300 * 1024) }));
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.headers.get('content-type')).toContain('application/problem+json');
      expect(await tooLarge.json()).toMatchObject({ title: 'Payload Too Large' });
      const malformed = await send('{"name": ');
      expect(malformed.status).toBe(400);
      expect(malformed.headers.get('content-type')).toContain('application/problem+json');
    });

    it('refuses unknown roles', async () => {
      const response = await tenant.client.post(`/v1/tenants/${tenant.tenantId}/api-keys`, { roles: ['root'] });
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'roles.0', rule: 'invalid_value' })]);
    });

    it('gives a producer key no access to configuration', async () => {
      const producer = await newTenant(service, ['producer']);
      expect((await producer.client.get('/v1/subscriptions')).status).toBe(403);
    });
  });

  describe('subscriptions', () => {
    it.each(valid)('accepts %s, masks its secrets and publishes its snapshot', async (_name, body) => {
      const response = await tenant.client.post('/v1/subscriptions', body);

      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ id: expect.stringMatching(/^sub_/), plugin: body.plugin, status: 'active', enabled: true });
      expect(response.body.signingSecret).toMatch(/^whsec_/);
      const auth = body.auth as Record<string, string> | undefined;
      if (auth?.token) expect(response.body.auth.token).toBe('********');
      if (auth?.password) expect(response.body.auth.password).toBe('********');
      const snapshot = await pollUntil('the snapshot is on the compacted topic', () =>
        published.find((message) => message.key === response.body.id));
      const value = subscriptionSnapshotV1.parse(JSON.parse(String(snapshot.value)));
      expect(value).toMatchObject({ id: response.body.id, tenantId: tenant.tenantId, version: 1 });
      expect(JSON.stringify(value)).not.toContain(response.body.signingSecret);
    });

    it.each(invalid)('refuses %s, naming the field and the rule, storing and publishing nothing', async (_name, body, field, rule) => {
      const before = { listed: (await tenant.client.get('/v1/subscriptions')).body.items.length, published: await topicSize() };
      const response = await tenant.client.post('/v1/subscriptions', body);

      expect(response.status).toBe(400);
      expect(response.contentType).toContain('application/problem+json');
      expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
      expect((await tenant.client.get('/v1/subscriptions')).body.items).toHaveLength(before.listed);
      expect(await topicSize()).toBe(before.published);
    });

    it('reports a filter syntax error with its position', async () => {
      const response = await tenant.client.post('/v1/subscriptions', (invalid.find(([name]) => name.includes('filter')) ?? invalid[0])[1]);
      expect(response.body.errors[0].message).toMatch(/position \d+/);
    });

    it('updates with PATCH, refuses changing the plugin, and publishes a newer version', async () => {
      const { body: created } = await tenant.client.post('/v1/subscriptions', komet);
      const updated = await tenant.client.patch(`/v1/subscriptions/${created.id}`, { url: 'https://erp.example.com/v2', enabled: false });
      expect(updated).toMatchObject({ status: 200, body: { url: 'https://erp.example.com/v2', enabled: false, auth: { type: 'token', token: '********' } } });

      const refused = await tenant.client.patch(`/v1/subscriptions/${created.id}`, { plugin: 'komerce' });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'plugin', rule: 'immutable' })]);

      await pollUntil('version 2 is published', () => published.some((message) =>
        message.key === created.id && JSON.parse(String(message.value)).version === 2));
    });

    it('rotates the signing secret and keeps the old one valid for 24 hours', async () => {
      const { body: created } = await tenant.client.post('/v1/subscriptions', komet);
      const rotated = await tenant.client.post(`/v1/subscriptions/${created.id}/rotate-secret`);

      expect(rotated.status).toBe(200);
      expect(rotated.body.signingSecret).toMatch(/^whsec_/);
      expect(rotated.body.signingSecret).not.toBe(created.signingSecret);
      const snapshot = await pollUntil('the rotated snapshot is published', () => published
        .filter((message) => message.key === created.id)
        .map((message) => subscriptionSnapshotV1.parse(JSON.parse(String(message.value))))
        .find((value) => value.signingSecrets.length === 2));
      const expiresAt = Date.parse(String(snapshot.signingSecrets[1].expiresAt));
      expect(expiresAt - Date.now()).toBeGreaterThan(23.9 * 3600_000);
      expect(snapshot.signingSecrets[0].expiresAt).toBeUndefined();
    });

    it('deletes with a tombstone on the topic', async () => {
      const { body: created } = await tenant.client.post('/v1/subscriptions', komet);
      expect((await tenant.client.delete(`/v1/subscriptions/${created.id}`)).status).toBe(204);
      expect((await tenant.client.get(`/v1/subscriptions/${created.id}`)).status).toBe(404);
      await pollUntil('the tombstone is published', () => published.some((message) => message.key === created.id && message.value === null));
    });

    it("never shows one tenant another tenant's subscription (404, not 403)", async () => {
      const { body: created } = await tenant.client.post('/v1/subscriptions', komet);
      const other = await newTenant(service);
      expect((await other.client.get(`/v1/subscriptions/${created.id}`)).status).toBe(404);
      expect((await other.client.patch(`/v1/subscriptions/${created.id}`, { enabled: false })).status).toBe(404);
      expect((await other.client.delete(`/v1/subscriptions/${created.id}`)).status).toBe(404);
      expect((await other.client.get(`/v1/tenants/${tenant.tenantId}`)).status).toBe(404);
      expect((await other.client.get('/v1/subscriptions')).body.items).toEqual([]);
    });

    it('registers the Komerce URL with PUT /webhook, then replaces it', async () => {
      const { client } = await newTenant(service, ['setup']);
      const registered = await client.put('/webhook', { url: 'https://shop.example.com/komerce' });
      expect(registered).toMatchObject({ status: 201, body: { plugin: 'komerce', hook: 'order-status', method: 'POST' } });
      expect(registered.body.signingSecret).toMatch(/^whsec_/);

      const replaced = await client.put('/webhook', { url: 'https://shop.example.com/komerce-v2' });
      expect(replaced).toMatchObject({ status: 200, body: { id: registered.body.id, url: 'https://shop.example.com/komerce-v2' } });

      const insecure = await client.put('/webhook', { url: 'http://shop.example.com/komerce' });
      expect(insecure.body.errors).toEqual([expect.objectContaining({ field: 'url', rule: 'https_required' })]);
      const missing = await client.put('/webhook', {});
      expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'url', rule: 'invalid_type' })]);
      expect((await client.get(`/v1/subscriptions/${registered.body.id}`)).body.url).toBe('https://shop.example.com/komerce-v2');
    });

    it('serves an OpenAPI document whose bodies come from the validating schemas', async () => {
      const { status, body } = await new ApiClient(service.url).get('/docs-json');
      expect(status).toBe(200);
      expect(Object.keys(body.paths)).toEqual(expect.arrayContaining([
        '/v1/tenants', '/v1/subscriptions', '/v1/subscriptions/{id}/rotate-secret', '/webhook',
        '/v1/notification-events', '/v1/channels', '/v1/deliveries', '/v1/deliveries/{id}',
      ]));
      const subscriptionBody = body.paths['/v1/subscriptions'].post.requestBody.content['application/json'].schema;
      expect(subscriptionBody).toMatchObject({ additionalProperties: false, required: expect.arrayContaining(['plugin', 'hook', 'url']) });
    });

    it('lists the plugins with their hooks and settings schema', async () => {
      const { body } = await new ApiClient(service.url).get('/v1/plugins');
      // Every plugin the build contains, each with the hooks and event types its definition declares.
      const declared = REGISTERED_PLUGINS.map(({ definition: { vendor, hooks } }) => ({ vendor, hooks: hooks.map(({ name, eventTypes }) => ({ name, eventTypes })) }));
      const listed = body.items.map(({ vendor, hooks }: { vendor: string; hooks: unknown[] }) => ({ vendor, hooks }));
      expect(listed).toEqual(declared);
      expect(body.items.every((plugin: { settingsSchema?: unknown }) => typeof plugin.settingsSchema === 'object')).toBe(true);
    });
  });

  it('keeps no secret in plain text in the database', async () => {
    const secrets = ['komet-token-42', 'basic-secret-7', 'postback-bearer-9'];
    const { body: created } = await tenant.client.post('/v1/subscriptions', komet);
    secrets.push(created.signingSecret.slice('whsec_'.length));
    const stored = await databaseContents(database.url);
    expect(stored).toContain(created.id);
    for (const secret of secrets) expect(stored).not.toContain(secret);
  });
});

/** Everything the database holds, as text: the SQLite files' bytes, or every PostgreSQL subscription row. */
async function databaseContents(url: string): Promise<string> {
  if (url.startsWith('sqlite:')) {
    const directory = path.dirname(url.slice('sqlite:'.length));
    const files = await readdir(directory);
    return (await Promise.all(files.map((file) => readFile(path.join(directory, file))))).map((bytes) => bytes.toString('latin1')).join('\n');
  }
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query('select * from subscriptions');
    const keys = await client.query('select * from api_keys');
    return JSON.stringify([rows, keys.rows]);
  } finally {
    await client.end();
  }
}

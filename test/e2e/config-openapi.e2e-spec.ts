import type { z } from 'zod';
import type { OpenAPIObject, OperationObject, SchemaObject } from '@nestjs/swagger';
import { testDatabases, uniquePrefix } from '@hookbus/testing';
// The answers are checked with the very zod schemas the routes are documented with; apps publish no
// import path, so this spec reaches into config-service's sources directly.
/* eslint-disable @nx/enforce-module-boundaries */
import { deliveryPage } from '../../apps/config-service/src/deliveries/deliveries.schemas';
import { channelView, notificationEventList } from '../../apps/config-service/src/notifications/notification.schemas';
import { subscriptionPage, subscriptionView, subscriptionWithSecretView } from '../../apps/config-service/src/subscriptions/subscription.schemas';
import { apiKeyList, createdApiKeyView } from '../../apps/config-service/src/tenants/tenant.schemas';
import { newTenant, spawnConfigService } from '../support/config-service';
import type { ServiceProcess } from '../support/service-process';

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

/** Every operation of the public API (`/v1/…` and Komerce's `/webhook`), as `METHOD path`. */
function apiOperations(document: OpenAPIObject): [string, OperationObject][] {
  return Object.entries(document.paths)
    .filter(([path]) => path.startsWith('/v1/') || path === '/webhook')
    .flatMap(([path, item]) => METHODS.flatMap((method) => (item[method] ? [[`${method.toUpperCase()} ${path}`, item[method]] as [string, OperationObject]] : [])));
}

/** What a route documents it answers on success: a JSON schema per 2xx status, or null for a 204. */
function successAnswers(operation: OperationObject): Record<string, SchemaObject | null> {
  return Object.fromEntries(
    Object.entries(operation.responses)
      .filter(([status]) => /^2\d\d$/.test(status))
      .map(([status, response]) => [status, status === '204' ? null : ((response as { content?: Record<string, { schema?: SchemaObject }> }).content?.['application/json']?.schema ?? null)]),
  );
}

describe.each(testDatabases())('config-service on $label: its OpenAPI document is complete and true', (database) => {
  const prefix = uniquePrefix('config-openapi');
  let service: ServiceProcess;
  let document: OpenAPIObject;
  let tenant: Awaited<ReturnType<typeof newTenant>>;

  beforeAll(async () => {
    await database.create();
    service = await spawnConfigService(database, prefix);
    document = (await (await fetch(`${service.url}/docs-json`)).json()) as OpenAPIObject;
    tenant = await newTenant(service);
  });

  afterAll(async () => {
    await service?.stop();
    await database.drop();
  });

  /** The JSON schema `METHOD path` documents for `status`. */
  const documented = (operation: string, status: string): SchemaObject => {
    const [method, path] = operation.split(' ');
    const schema = successAnswers(document.paths[path][method.toLowerCase() as (typeof METHODS)[number]] as OperationObject)[status];
    if (!schema) throw new Error(`${operation} documents no JSON answer for ${status}`);
    return schema;
  };

  it('documents a success answer for every route: a JSON schema, or a 204 without content', () => {
    const operations = apiOperations(document);
    expect(operations.length).toBeGreaterThanOrEqual(27);
    const undocumented = operations
      .filter(([, operation]) => {
        const answers = Object.entries(successAnswers(operation));
        return answers.length === 0 || answers.some(([status, schema]) => (status === '204') === (schema !== null));
      })
      .map(([name]) => name);
    expect(undocumented).toEqual([]);
  });

  it('documents the problem answers and the query parameters, optional ones as optional', () => {
    expect(document.components?.schemas?.Problem).toMatchObject({ properties: { errors: { type: 'array' } } });
    const queries = (operation: OperationObject) => Object.fromEntries((operation.parameters ?? []).flatMap((parameter) => ('in' in parameter && parameter.in === 'query' ? [[parameter.name, parameter]] : [])));
    expect(queries(document.paths['/v1/subscriptions'].get as OperationObject)).toEqual({ cursor: expect.objectContaining({ required: false }) });
    expect(queries(document.paths['/v1/channels'].get as OperationObject)).toEqual({ cursor: expect.objectContaining({ required: false }) });
    expect(queries(document.paths['/v1/deliveries'].get as OperationObject)).toEqual({
      subscriptionId: expect.objectContaining({ required: false }),
      eventId: expect.objectContaining({ required: false }),
      subject: expect.objectContaining({ required: false }),
      status: expect.objectContaining({ required: false, schema: { type: 'string', enum: ['pending', 'delivered', 'retrying', 'failed', 'abandoned', 'cancelled'] } }),
      since: expect.objectContaining({ required: false, schema: { type: 'string', format: 'date-time' } }),
      until: expect.objectContaining({ required: false, schema: { type: 'string', format: 'date-time' } }),
      cursor: expect.objectContaining({ required: false }),
      limit: expect.objectContaining({ required: false, schema: { type: 'integer', minimum: 1, maximum: 100 } }),
    });
    const unauthorised = (document.paths['/v1/subscriptions/{id}'].get as OperationObject).responses['401'];
    expect(unauthorised).toMatchObject({ content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
  });

  /** The answer has exactly the documented properties (all required ones), and the zod schema the route documents accepts it. */
  const expectAnswer = (operation: string, status: string, body: Record<string, unknown>, schema: z.ZodType) => {
    const { properties = {}, required = [] } = documented(operation, status);
    expect(Object.keys(body).filter((key) => !(key in properties))).toEqual([]);
    expect(required.filter((key) => !(key in body))).toEqual([]);
    const parsed = schema.safeParse(body);
    expect(parsed.error?.issues ?? []).toEqual([]);
  };

  it('answers what it documents: a subscription, created, read and listed, and a Komerce registration', async () => {
    const input = {
      plugin: 'komet',
      hook: 'order-confirmation',
      url: 'https://erp.example.com/komet',
      auth: { type: 'basic', username: 'erp', password: 'basic-secret-7' },
      errorEmails: ['ops@example.com'],
      retryPolicy: { delaysSeconds: [5, 60] },
      rateLimit: { perSecond: 2 },
    };
    const created = await tenant.client.post('/v1/subscriptions', input);
    expect(created.status).toBe(201);
    expectAnswer('POST /v1/subscriptions', '201', created.body, subscriptionWithSecretView);

    const read = await tenant.client.get(`/v1/subscriptions/${created.body.id}`);
    expect(read.status).toBe(200);
    expectAnswer('GET /v1/subscriptions/{id}', '200', read.body, subscriptionView);
    expect(Object.keys(read.body).sort()).toEqual(
      ['id', 'plugin', 'hook', 'url', 'method', 'enabled', 'auth', 'errorEmails', 'settings', 'retryPolicy', 'rateLimit', 'status', 'version', 'createdAt', 'updatedAt'].sort(),
    );

    const listed = await tenant.client.get('/v1/subscriptions?cursor=');
    expect(listed.status).toBe(200);
    expectAnswer('GET /v1/subscriptions', '200', listed.body, subscriptionPage);

    const registered = await tenant.client.put('/webhook', { url: 'https://shop.example.com/komerce' });
    expect(registered.status).toBe(201);
    expectAnswer('PUT /webhook', '201', registered.body, subscriptionWithSecretView);
    const replaced = await tenant.client.put('/webhook', { url: 'https://shop.example.com/komerce/v2' });
    expect(replaced.status).toBe(200);
    expectAnswer('PUT /webhook', '200', replaced.body, subscriptionView);
  });

  it('refuses a cursor that is not one, naming the field', async () => {
    const response = await tenant.client.get(`/v1/subscriptions?cursor=${'x'.repeat(65)}`);
    expect(response.status).toBe(400);
    expect(response.contentType).toContain('application/problem+json');
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
  });

  it('answers what it documents: API keys, valid and revoked', async () => {
    const created = await tenant.client.post(`/v1/tenants/${tenant.tenantId}/api-keys`, { roles: ['setup'] });
    expect(created.status).toBe(201);
    expectAnswer('POST /v1/tenants/{id}/api-keys', '201', created.body, createdApiKeyView);
    expect((await tenant.client.delete(`/v1/tenants/${tenant.tenantId}/api-keys/${created.body.id}`)).status).toBe(204);

    const listed = await tenant.client.get(`/v1/tenants/${tenant.tenantId}/api-keys`);
    expect(listed.status).toBe(200);
    expectAnswer('GET /v1/tenants/{id}/api-keys', '200', listed.body, apiKeyList);
    expect(listed.body.items).toEqual([
      { id: tenant.keyId, roles: ['admin'], createdAt: expect.any(String), revokedAt: null },
      { id: created.body.id, roles: ['setup'], createdAt: expect.any(String), revokedAt: expect.any(String) },
    ]);
  });

  it('answers what it documents: channels, notification events and the delivery log', async () => {
    const channel = await tenant.client.post('/v1/channels', { name: 'CRM', url: 'https://crm.example.com/hook' });
    expect(channel.status).toBe(201);
    expectAnswer('POST /v1/channels', '201', channel.body, channelView);

    const events = await tenant.client.get('/v1/notification-events');
    expect(events.status).toBe(200);
    expectAnswer('GET /v1/notification-events', '200', events.body, notificationEventList);

    const deliveries = await tenant.client.get('/v1/deliveries?status=failed&limit=10');
    expect(deliveries.status).toBe(200);
    expectAnswer('GET /v1/deliveries', '200', deliveries.body, deliveryPage);
  });
});

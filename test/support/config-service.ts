import { randomBytes } from 'node:crypto';
import type { TestDatabase } from '@hookbus/testing';
import { OPERATOR_TOKEN, ServiceProcess } from './service-process';

export const SECRET_KEY = randomBytes(32).toString('base64url');

/** config-service as a real process on `database`, with the test operator token and a fixed secret key. */
export function spawnConfigService(database: TestDatabase, topicPrefix: string, env: Record<string, string> = {}): Promise<ServiceProcess> {
  return ServiceProcess.spawn('config-service', {
    KAFKA_TOPIC_PREFIX: topicPrefix,
    DATABASE_URL: database.url,
    HOOKBUS_SECRET_KEY: SECRET_KEY,
    LOG_LEVEL: 'warn',
    ...env,
  }).then((service) => service.ready());
}

// Tests assert response bodies structurally, so the client does not type them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** A small JSON client for one bearer token. */
export class ApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token?: string,
  ) {}

  async call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json; contentType: string | null }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, contentType: response.headers.get('content-type') };
  }

  get = (path: string) => this.call('GET', path);
  post = (path: string, body?: unknown) => this.call('POST', path, body ?? {});
  patch = (path: string, body: unknown) => this.call('PATCH', path, body);
  put = (path: string, body: unknown) => this.call('PUT', path, body);
  delete = (path: string) => this.call('DELETE', path);
}

/** Creates a tenant with the operator token and returns a client holding a new key with `roles`. */
export async function newTenant(service: ServiceProcess, roles: string[] = ['admin']): Promise<{ tenantId: string; client: ApiClient; keyId: string; key: string }> {
  const operator = new ApiClient(service.url, OPERATOR_TOKEN);
  const tenant = await operator.post('/v1/tenants', { name: `tenant-${randomBytes(3).toString('hex')}` });
  if (tenant.status !== 201) throw new Error(`creating a tenant answered ${tenant.status}: ${JSON.stringify(tenant.body)}`);
  const key = await operator.post(`/v1/tenants/${tenant.body.id}/api-keys`, { roles });
  if (key.status !== 201) throw new Error(`creating a key answered ${key.status}: ${JSON.stringify(key.body)}`);
  return { tenantId: tenant.body.id, client: new ApiClient(service.url, key.body.key), keyId: key.body.id, key: key.body.key };
}

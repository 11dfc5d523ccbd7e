// config-service for the budgets: a real process from dist/ on a fresh database, with a tenant, an
// admin key and a few subscriptions made through its API, as a person would have them.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import pg from 'pg';
import { startService } from '../bench/services.mjs';

const DEFAULT_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A fresh PostgreSQL database on TEST_POSTGRES_URL's server (default the local one), dropped by `drop()`. */
export async function freshPostgres() {
  const server = process.env.TEST_POSTGRES_URL || DEFAULT_POSTGRES;
  const name = `hookbus_budget_${randomBytes(4).toString('hex')}`;
  const onServer = async (sql) => {
    const client = new pg.Client({ connectionString: server, connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await onServer(`create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(`drop database if exists ${name} with (force)`) };
}

/** config-service on `databaseUrl` with its own topics; `api(path, init)` calls it with the operator token or `key`. */
export async function startConfigService({ databaseUrl, brokers }) {
  const operatorToken = randomBytes(16).toString('hex');
  const service = await startService('config-service', await freePort(), {
    KAFKA_BROKERS: brokers,
    KAFKA_TOPIC_PREFIX: `budget-${randomBytes(4).toString('hex')}.`,
    DATABASE_URL: databaseUrl,
    HOOKBUS_ADMIN_TOKEN: operatorToken,
    HOOKBUS_SECRET_KEY: randomBytes(32).toString('base64url'),
  });
  const api = async (method, path, body, token = operatorToken) => {
    const response = await fetch(`${service.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  return { ...service, api };
}

/** A tenant with an admin key and `count` Komerce subscriptions (the delivery rows point at them). */
export async function tenantWithSubscriptions(service, count = 5) {
  const tenant = await service.api('POST', '/v1/tenants', { name: 'Budget shop' });
  const { key } = await service.api('POST', `/v1/tenants/${tenant.id}/api-keys`, { roles: ['admin'] });
  const subscriptions = [];
  for (let index = 0; index < count; index += 1) {
    const body = { plugin: 'komerce', hook: 'order-status', url: `https://shop-${index}.example.com/hooks/order-status` };
    subscriptions.push(await service.api('POST', '/v1/subscriptions', body, key));
  }
  return { tenantId: tenant.id, key, subscriptions };
}

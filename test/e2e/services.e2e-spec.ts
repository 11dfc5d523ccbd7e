import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { testBus, uniquePrefix } from '@hookbus/testing';
import { SECRET_KEY } from '../support/config-service';
import { OPERATOR_TOKEN, ServiceProcess } from '../support/service-process';

const SERVICES = ['config-service', 'ingest-service', 'delivery-service', 'retry-scheduler', 'notifier-service'];
/** Background services defer to the live path (ingest, delivery) on a shared host. */
const NICENESS: Record<string, number> = { 'config-service': 10, 'ingest-service': 0, 'delivery-service': 0, 'retry-scheduler': 10, 'notifier-service': 10 };

describe('each service as its own process', () => {
  const prefix = uniquePrefix('services');
  const spawned: ServiceProcess[] = [];
  const spawn = async (name: string, env: Record<string, string>) => {
    const service = await ServiceProcess.spawn(name, env);
    spawned.push(service);
    return service;
  };

  beforeAll(async () => {
    await (await testBus(prefix)).disconnect();
  });
  // A failed expectation must not leave a service running (and Jest waiting for it).
  afterEach(() => Promise.all(spawned.splice(0).map((service) => service.kill())));

  it.each(SERVICES)('%s becomes ready with every thread at the niceness of its role, logs JSON, serves /metrics and exits 0 on SIGTERM', async (name) => {
    // Services that store things get a database of their own, not the developer's .data/.
    const database = `sqlite:${path.join(mkdtempSync(path.join(tmpdir(), 'hookbus-svc-')), `${name}.sqlite`)}`;
    const service = await spawn(name, {
      KAFKA_TOPIC_PREFIX: prefix,
      LOG_LEVEL: 'log',
      DATABASE_URL: database,
      HOOKBUS_SECRET_KEY: SECRET_KEY,
    });
    await service.ready();

    expect(service.niceness()).toEqual([NICENESS[name]]);
    expect(await (await fetch(`${service.url}/health/live`)).json()).toEqual({ status: 'ok' });
    const readiness = (await (await fetch(`${service.url}/health/ready`)).json()) as { checks: Record<string, string> };
    expect(readiness).toMatchObject({ status: 'ready', checks: { kafka: 'up' } });
    expect(Object.values(readiness.checks)).toEqual(Object.values(readiness.checks).map(() => 'up'));
    expect(await (await fetch(`${service.url}/metrics`)).text()).toContain('process_resident_memory_bytes');
    await service.waitForLog('the listening line', (log) => log.message === `${name} listening`);
    expect(service.logs.length).toBe(service.output.length);

    expect(await service.stop()).toBe(0);
  });

  it('runs every thread at the niceness CPU_NICE asks for', async () => {
    const service = await spawn('delivery-service', { KAFKA_TOPIC_PREFIX: prefix, CPU_NICE: '5' });
    await service.ready();

    expect(service.niceness()).toEqual([5]);
    expect(await service.stop()).toBe(0);
  });

  // Ctrl-C on `npm start` signals the whole process group, and the launcher sends SIGTERM as well.
  it.each(SERVICES)('%s shuts down once and exits 0 when SIGINT and SIGTERM both arrive', async (name) => {
    const database = `sqlite:${path.join(mkdtempSync(path.join(tmpdir(), 'hookbus-svc-')), `${name}.sqlite`)}`;
    const service = await spawn(name, { KAFKA_TOPIC_PREFIX: prefix, DATABASE_URL: database, HOOKBUS_SECRET_KEY: SECRET_KEY });
    await service.ready();

    expect(await service.stop('SIGINT', 'SIGTERM')).toBe(0);
  });

  // They list every tenant's subscriptions or pending retries: for the operator only.
  it.each([
    ['delivery-service', '/v1/subscription-view'],
    ['retry-scheduler', '/v1/pending'],
  ])('%s answers %s only with the operator token; health and metrics stay open', async (name, route) => {
    const database = `sqlite:${path.join(mkdtempSync(path.join(tmpdir(), 'hookbus-svc-')), `${name}.sqlite`)}`;
    const service = await spawn(name, { KAFKA_TOPIC_PREFIX: prefix, DATABASE_URL: database, HOOKBUS_SECRET_KEY: SECRET_KEY });
    await service.ready();

    const refusedHeaders: Record<string, string>[] = [{}, { authorization: 'Bearer not-the-operator-token' }, { authorization: OPERATOR_TOKEN }];
    for (const headers of refusedHeaders) {
      const refused = await fetch(`${service.url}${route}`, { headers });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(await refused.json()).toMatchObject({ status: 401, title: 'Unauthorized' });
    }
    expect((await service.asOperator(route)).status).toBe(200);
    expect((await fetch(`${service.url}/health/ready`)).status).toBe(200);
    expect((await fetch(`${service.url}/metrics`)).status).toBe(200);
    expect(await service.stop()).toBe(0);
  });

  it.each(SERVICES)('%s refuses to start with a bad variable and names it', async (name) => {
    const service = await spawn(name, { KAFKA_BROKERS: 'no-port', LOG_LEVEL: 'chatty' });

    expect(await service.exited).toBe(1);
    const output = service.output.join('\n');
    expect(output).toContain('KAFKA_BROKERS: each broker must be host:port (got \\"no-port\\")');
    expect(output).toContain('LOG_LEVEL');
  });

  it.each(['config-service', 'delivery-service'])('%s refuses to start with a malformed HOOKBUS_EGRESS_ALLOW entry and names it', async (name) => {
    const database = `sqlite:${path.join(mkdtempSync(path.join(tmpdir(), 'hookbus-svc-')), `${name}.sqlite`)}`;
    const service = await spawn(name, {
      KAFKA_TOPIC_PREFIX: prefix,
      DATABASE_URL: database,
      HOOKBUS_ADMIN_TOKEN: OPERATOR_TOKEN,
      HOOKBUS_SECRET_KEY: SECRET_KEY,
      HOOKBUS_EGRESS_ALLOW: '127.0.0.1, 10.0.0.0/33',
    });

    expect(await service.exited).toBe(1);
    expect(service.output.join('\n')).toContain('HOOKBUS_EGRESS_ALLOW: \\"10.0.0.0/33\\" is not a valid entry (host, host:port, IP, IP:port or CIDR)');
  });

  it.each(['config-service', 'delivery-service'])('%s refuses placeholder secrets, naming each variable and never printing its value', async (name) => {
    const placeholders = { HOOKBUS_ADMIN_TOKEN: 'change-me-admin-token', HOOKBUS_SECRET_KEY: 'change-me-to-32-random-bytes-base64', HOOKBUS_SECRET_KEY_PREVIOUS: 'password-of-the-old-key' };
    const service = await spawn(name, { KAFKA_TOPIC_PREFIX: prefix, ...placeholders });

    expect(await service.exited).toBe(1);
    const output = service.output.join('\n');
    expect(output).toContain('HOOKBUS_SECRET_KEY: must not be a placeholder');
    expect(output).toContain('HOOKBUS_SECRET_KEY_PREVIOUS: must not be a placeholder');
    expect(output).toContain('HOOKBUS_ADMIN_TOKEN: must not be a placeholder');
    expect(output).toContain('(the value is not shown)');
    for (const value of Object.values(placeholders)) expect(output).not.toContain(value);
  });

  it('exits 1 and says why when Kafka does not answer at boot', async () => {
    const service = await spawn('ingest-service', { KAFKA_BROKERS: '127.0.0.1:1' });

    expect(await service.exited).toBe(1);
    const fatal = await service.waitForLog('the fatal start-up line', (log) => log.message === 'ingest-service failed to start');
    expect(String(fatal.reason)).toMatch(/ECONNREFUSED 127\.0\.0\.1:1/);
  });
});

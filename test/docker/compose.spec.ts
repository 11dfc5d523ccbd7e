import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '../..');

interface ComposeService {
  build?: unknown;
  ports?: unknown[];
  environment?: Record<string, string | number> | string[];
  healthcheck?: { test?: string[] };
}

const compose = parse(readFileSync(path.join(root, 'docker/compose.yaml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
const services = Object.entries(compose.services);
const appServices = readdirSync(path.join(root, 'apps')).filter((app) => app in compose.services);

/** The apps whose environment schema uses `part` (e.g. `databaseEnv(`). */
const appsReading = (part: string) =>
  appServices.filter((app) =>
    readdirSync(path.join(root, 'apps', app, 'src'))
      .filter((file) => file.endsWith('-env.ts'))
      .some((file) => readFileSync(path.join(root, 'apps', app, 'src', file), 'utf8').includes(part)),
  );

/** The apps that store things. */
const storingApps = appsReading('databaseEnv(');

/** Only the producers' entry and the control plane are reachable from outside. */
const PUBLISHED = ['config-service', 'ingest-service'];
const SECRET_NAME = /TOKEN|KEY|SECRET|PASSWORD/i;

const environment = (service: ComposeService): [string, string][] =>
  Array.isArray(service.environment)
    ? service.environment.map((entry) => [entry.split('=')[0], entry.split('=').slice(1).join('=')])
    : Object.entries(service.environment ?? {}).map(([name, value]) => [name, String(value)]);

/** Why a value hands out a secret the file itself holds, or undefined when it does not. */
function secretDefault(name: string, value: string): string | undefined {
  for (const [, variable, fallback] of value.matchAll(/\$\{(\w+):?-([^}]*)\}/g)) {
    if (SECRET_NAME.test(variable) && fallback !== '') return `\${${variable}} defaults to a value`;
  }
  if (/:\/\/[^/:@\s]+:(?!\$\{)[^@\s]+@/.test(value)) return 'a URL holds a literal password';
  if (SECRET_NAME.test(name) && value !== '' && !value.includes('${')) return 'a literal value';
  return undefined;
}

describe('docker/compose.yaml', () => {
  it('finds the apps it checks', () => {
    expect(appServices).toEqual(expect.arrayContaining([...PUBLISHED, 'delivery-service']));
    expect(storingApps).toEqual(expect.arrayContaining(['config-service']));
  });

  it('gives each app that stores things a database of its own, and the others none', () => {
    const databaseOf = (app: string) => environment(compose.services[app]).find(([name]) => name === 'DATABASE_URL')?.[1];
    const databases = storingApps.map((app) => databaseOf(app)?.replace(/\?.*$/, '').split('/').pop());
    expect(databases.every((database) => database !== undefined && database !== '')).toBe(true);
    expect(new Set(databases).size).toBe(storingApps.length);
    expect(appServices.filter((app) => !storingApps.includes(app) && databaseOf(app) !== undefined)).toEqual([]);
    const created = [...readFileSync(path.join(root, 'docker/postgres-init.sql'), 'utf8').matchAll(/CREATE DATABASE (\w+)/gi)].map(([, name]) => name);
    expect(created.sort()).toEqual([...databases].sort());
  });

  it('holds no secret: no default for a secret variable, no literal token, key or password', () => {
    const found = services.flatMap(([service, definition]) =>
      environment(definition).flatMap(([name, value]) => {
        const why = secretDefault(name, value);
        return why ? [`${service} ${name}: ${why}`] : [];
      }),
    );
    expect(found).toEqual([]);
  });

  it('requires the operator token, the secret key and the database password to be set', () => {
    const values = services.flatMap(([, definition]) => environment(definition).map(([, value]) => value)).join('\n');
    for (const variable of ['HOOKBUS_ADMIN_TOKEN', 'HOOKBUS_SECRET_KEY', 'HOOKBUS_POSTGRES_PASSWORD']) {
      expect(values).toContain(`\${${variable}:?`);
    }
  });

  // Without them a container would generate its own token or key under .data/: a key config-service never sealed with.
  it.each([
    ['operatorTokenEnv(', 'HOOKBUS_ADMIN_TOKEN'],
    ['secretKeyEnv(', 'HOOKBUS_SECRET_KEY'],
  ])('gives every app whose environment reads %s the required %s', (part, variable) => {
    const readers = appsReading(part);
    expect(readers.length).toBeGreaterThan(0);
    const missing = readers.filter((app) => !environment(compose.services[app]).some(([name, value]) => name === variable && value.startsWith(`\${${variable}:?`)));
    expect(missing).toEqual([]);
  });

  it(`publishes the ports of ${PUBLISHED.join(' and ')} only`, () => {
    expect(services.filter(([, definition]) => (definition.ports ?? []).length > 0).map(([service]) => service).sort()).toEqual(PUBLISHED);
  });

  it('checks the readiness of every app, as the Dockerfile does', () => {
    const dockerfile = readFileSync(path.join(root, 'docker/Dockerfile'), 'utf8');
    expect(dockerfile).toContain('/health/ready');
    for (const app of appServices) expect(compose.services[app].healthcheck?.test?.join(' ')).toContain('/health/ready');
  });
});

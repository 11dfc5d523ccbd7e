import { type OpenDatabase, openDatabase } from '@hookbus/persistence';
import { testDatabases } from '@hookbus/testing';
// Console sessions and portal links are config-service's own code, tested here on both real
// databases without a process; apps publish no import path, so this spec reaches into the sources.
/* eslint-disable @nx/enforce-module-boundaries */
import { CONFIG_MIGRATIONS } from '../../apps/config-service/src/migrations/0001-control-plane';
import { ApiKeyOutbox0006 } from '../../apps/config-service/src/migrations/0006-api-key-outbox';
import { ConsoleSession } from '../../apps/config-service/src/sessions/console-session.entity';
import { ConsoleSessions } from '../../apps/config-service/src/sessions/console-sessions';
import { PortalLink } from '../../apps/config-service/src/sessions/portal-link.entity';
import { PORTAL_LINK_SECONDS, PORTAL_LINK_SPENT, PortalLinks } from '../../apps/config-service/src/sessions/portal-links';
import { tokenSha256 } from '../../apps/config-service/src/sessions/secret-token';
import { SESSION_MIGRATION } from '../../apps/config-service/src/sessions/sessions.module-parts';
import type { ApiKeyPublisher } from '../../apps/config-service/src/tenants/api-key-publisher';
import { ApiKey } from '../../apps/config-service/src/tenants/api-key.entity';
import { Tenant } from '../../apps/config-service/src/tenants/tenant.entity';
import { TenantsService } from '../../apps/config-service/src/tenants/tenants.service';
/* eslint-enable @nx/enforce-module-boundaries */

const MIGRATIONS = [...CONFIG_MIGRATIONS, { name: '0006-api-key-outbox', class: ApiKeyOutbox0006 }, SESSION_MIGRATION];
const t0 = new Date('2026-03-01T10:00:00.000Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

describe.each(testDatabases())('console sessions and portal links on $label', (database) => {
  let db: OpenDatabase;
  let sessions: ConsoleSessions;
  let links: PortalLinks;

  beforeAll(async () => {
    await database.create();
    db = await openDatabase({ url: database.url, entities: [Tenant, ApiKey, ConsoleSession, PortalLink], migrations: MIGRATIONS, name: 'sessions-test' });
    const em = db.orm.em.fork();
    em.create(Tenant, { id: 'tnt_a', name: 'A' });
    em.create(ApiKey, { id: 'key_a', tenantId: 'tnt_a', secretHash: 'x'.repeat(64), roles: ['admin'] });
    await em.flush();
    sessions = new ConsoleSessions(db.orm.em);
    // Only `get` of TenantsService is used here, which never publishes.
    links = new PortalLinks(db.orm.em.fork(), new TenantsService(db.orm.em.fork(), {} as ApiKeyPublisher));
  });
  afterAll(async () => {
    await db?.close();
    await database.drop();
  });

  const admin = { kind: 'tenant', tenantId: 'tnt_a', keyId: 'key_a', roles: ['admin'] } as const;

  it('stores only the SHA-256 of a session token, and finds the session until it expires', async () => {
    const { token, expiresAt } = await sessions.open({ kind: 'operator' }, 3600, t0);
    expect(expiresAt).toEqual(at(3600));
    const rows = await db.orm.em.fork().find(ConsoleSession, {});
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows.map((row) => row.tokenSha256)).toContain(tokenSha256(token));
    expect(await sessions.find(token, at(3599))).toEqual({ principal: { kind: 'operator' }, expiresAt: at(3600) });
    expect(await sessions.find(token, at(3600))).toBeUndefined();
  });

  it('ends a session when it is signed out', async () => {
    const { token } = await sessions.open(admin, 3600);
    expect((await sessions.find(token))?.principal).toEqual(admin);
    await sessions.end(token);
    expect(await sessions.find(token)).toBeUndefined();
  });

  it('ends a session as soon as its API key is revoked', async () => {
    const em = db.orm.em.fork();
    em.create(ApiKey, { id: 'key_r', tenantId: 'tnt_a', secretHash: 'x'.repeat(64), roles: ['setup'] });
    await em.flush();
    const { token } = await sessions.open({ kind: 'tenant', tenantId: 'tnt_a', keyId: 'key_r', roles: ['setup'] }, 3600);
    expect(await sessions.find(token)).toBeDefined();
    await em.nativeUpdate(ApiKey, { id: 'key_r' }, { revokedAt: new Date() });
    expect(await sessions.find(token)).toBeUndefined();
  });

  it('sweeps expired sessions when a new one opens', async () => {
    const old = await sessions.open({ kind: 'operator' }, 60, at(-7200));
    await sessions.open({ kind: 'operator' }, 60);
    expect(await db.orm.em.fork().count(ConsoleSession, { tokenSha256: tokenSha256(old.token) })).toBe(0);
  });

  it('exchanges a portal link once for a session of its tenant and roles, lasting the chosen time', async () => {
    const { url, expiresAt } = await links.create(admin, { tenantId: 'tnt_a', roles: ['setup'], ttlSeconds: 900 }, 'https://h.example/console/', t0);
    expect(expiresAt).toBe(at(PORTAL_LINK_SECONDS).toISOString());
    const token = new URL(url).hash.slice(1);
    expect(url).toBe(`https://h.example/console/portal#${token}`);
    expect(await links.redeem(token, at(PORTAL_LINK_SECONDS - 1))).toEqual({
      principal: { kind: 'tenant', tenantId: 'tnt_a', keyId: 'key_a', roles: ['setup'] },
      seconds: 900,
    });
    await expect(links.redeem(token, at(PORTAL_LINK_SECONDS - 1))).rejects.toMatchObject({ status: 401, response: { detail: PORTAL_LINK_SPENT } });
  });

  it('refuses a portal link once it has expired', async () => {
    const { url } = await links.create({ kind: 'operator' }, { tenantId: 'tnt_a', roles: ['admin'], ttlSeconds: 3600 }, 'https://h.example/console/', t0);
    await expect(links.redeem(new URL(url).hash.slice(1), at(PORTAL_LINK_SECONDS))).rejects.toMatchObject({ status: 401 });
  });

  it('lets only one of many concurrent exchanges of a link succeed', async () => {
    const { url } = await links.create({ kind: 'operator' }, { tenantId: 'tnt_a', roles: ['admin'], ttlSeconds: 3600 }, 'https://h.example/console/');
    const token = new URL(url).hash.slice(1);
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => links.redeem(token)));
    expect(outcomes.filter(({ status }) => status === 'fulfilled')).toHaveLength(1);
  });

  it('answers 404 for a tenant the maker cannot see', async () => {
    await expect(links.create(admin, { tenantId: 'tnt_other', roles: ['admin'], ttlSeconds: 3600 }, 'https://h.example/console/')).rejects.toMatchObject({ status: 404 });
    await expect(links.create({ kind: 'operator' }, { tenantId: 'tnt_nope', roles: ['admin'], ttlSeconds: 3600 }, 'https://h.example/console/')).rejects.toMatchObject({ status: 404 });
  });
});

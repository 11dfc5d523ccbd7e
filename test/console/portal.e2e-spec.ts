import { createHash, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Browser } from 'playwright-core';
import { deliveryId, type DeliveryAttemptRecordV1, Topics } from '@hookbus/contracts';
import type { KafkaBus } from '@hookbus/kafka';
import { pollUntil, testBus, testDatabases, uniquePrefix } from '@hookbus/testing';
import { launchChromium, openConsole, seriousViolations, signIn } from '../support/console-browser';
import { ApiClient, newTenant, spawnConfigService } from '../support/config-service';
import { tabTo } from '../support/console-tenant';
import { OPERATOR_TOKEN, type ServiceProcess } from '../support/service-process';

const SPENT = 'This portal link has expired or was already used.';

interface TenantFixture {
  tenantId: string;
  name: string;
  client: ApiClient;
  key: string;
  subscriptionId: string;
  deliveryId: string;
}

/**
 * Portal links in Chromium against a real config-service on PostgreSQL: a link of tenant A signs a
 * fresh browser in to A alone, once; tenant B's data never shows; a spent or expired link is refused.
 */
describe('console: portal links (Chromium, real config-service on PostgreSQL)', () => {
  const [, database] = testDatabases();
  const prefix = uniquePrefix('console-portal');
  let config: ServiceProcess;
  let bus: KafkaBus;
  let browser: Browser;
  let a: TenantFixture;
  let b: TenantFixture;
  let link: string;

  /** A tenant with an admin key, one subscription and one logged delivery (through the delivery log topic). */
  async function tenantWithData(): Promise<TenantFixture> {
    const tenant = await newTenant(config, ['admin']);
    const name = (await tenant.client.get(`/v1/tenants/${tenant.tenantId}`)).body.name;
    const subscription = await tenant.client.post('/v1/subscriptions', { plugin: 'komerce', hook: 'order-status', url: `https://${tenant.tenantId}.example.com/hook` });
    if (subscription.status !== 201) throw new Error(`creating a subscription answered ${subscription.status}: ${JSON.stringify(subscription.body)}`);
    const eventId = randomUUID();
    const record: DeliveryAttemptRecordV1 = {
      deliveryId: deliveryId(eventId, subscription.body.id),
      eventId,
      subscriptionId: subscription.body.id,
      tenantId: tenant.tenantId,
      subject: `order-${tenant.tenantId}`,
      plugin: 'komerce',
      hook: 'order-status',
      attempt: 1,
      at: new Date().toISOString(),
      request: { method: 'PUT', url: `https://${tenant.tenantId}.example.com/hook`, headers: { 'content-type': 'application/json' }, body: '{}' },
      response: { status: 200, body: 'OK' },
      durationMs: 12,
      outcome: 'delivered',
    };
    await bus.publish(Topics.deliveryLog.name, [{ key: record.deliveryId, value: JSON.stringify(record) }]);
    await pollUntil(`the delivery of ${tenant.tenantId} is logged`, async () => (await tenant.client.get(`/v1/deliveries/${record.deliveryId}`)).status === 200, { timeoutMs: 45_000 });
    return { ...tenant, name, subscriptionId: subscription.body.id, deliveryId: record.deliveryId };
  }

  /** Sets a portal link's expiry in the past, as ten minutes' wait would. */
  async function expire(url: string): Promise<void> {
    const token = new URL(url).hash.slice(1);
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const changed = await client.query("update portal_links set expires_at = now() - interval '1 second' where token_sha256 = $1", [createHash('sha256').update(token).digest('hex')]);
      expect(changed.rowCount).toBe(1);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    await database.create();
    [config, bus, browser] = await Promise.all([spawnConfigService(database, prefix), testBus(prefix), launchChromium()]);
    [a, b] = [await tenantWithData(), await tenantWithData()];
  });
  afterAll(async () => {
    await browser?.close();
    await bus?.disconnect();
    await config?.stop();
    await database.drop();
  });

  it("tenant A's admin makes a portal link on its API keys page, by keyboard", async () => {
    const { context, page, pageErrors } = await openConsole(browser, config.url);
    await signIn(page, a.key);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('heading', { name: 'API keys', level: 1 }).waitFor();
    await page.getByText(a.name).first().waitFor();
    const links = page.getByRole('article', { name: 'Portal links' });
    // By keyboard alone: tick Admin, then create.
    await tabTo(page, links.getByRole('checkbox', { name: 'Admin' }));
    await page.keyboard.press('Space');
    await tabTo(page, links.getByRole('button', { name: 'Create portal link' }));
    await page.keyboard.press('Enter');
    link = await links.getByRole('textbox', { name: 'Portal link', exact: true }).inputValue();
    expect(link).toMatch(new RegExp(`^${config.url}/console/portal#[A-Za-z0-9_-]{43}$`));
    expect(await seriousViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it("opened in a fresh browser, the link signs in to tenant A alone: A's data shows, B's is not found", async () => {
    const { context, page, pageErrors } = await openConsole(browser, config.url);
    await page.goto(link);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'API keys' }).waitFor();
    // The token leaves the address bar once spent.
    expect(new URL(page.url()).hash).toBe('');
    await page.getByText(`${a.name} (admin, setup)`).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // What the page's own fetch gets with the portal session's cookie.
    const get = (path: string) => page.evaluate(async (target) => {
      const response = await fetch(target);
      return { status: response.status, body: await response.text() };
    }, path);
    const subscriptions = await get('/v1/subscriptions');
    expect(JSON.parse(subscriptions.body).items.map((item: { id: string }) => item.id)).toEqual([a.subscriptionId]);
    const deliveries = await get('/v1/deliveries');
    expect(JSON.parse(deliveries.body).items.map((item: { id: string }) => item.id)).toEqual([a.deliveryId]);
    for (const path of [`/v1/subscriptions/${b.subscriptionId}`, `/v1/deliveries/${b.deliveryId}`, `/v1/tenants/${b.tenantId}`, `/v1/tenants/${b.tenantId}/api-keys`]) {
      expect({ path, status: (await get(path)).status }).toEqual({ path, status: 404 });
    }

    // A's subscription and delivery in the pages, B's nowhere.
    await nav.getByRole('link', { name: 'Integrations' }).click();
    const komerce = page.getByRole('region', { name: 'Komerce Webhook' });
    await pollUntil("A's Komerce URL shows", async () => (await komerce.getByLabel('Webhook URL').inputValue()) === `https://${a.tenantId}.example.com/hook`);
    await nav.getByRole('link', { name: 'Deliveries' }).click();
    await page.getByRole('link', { name: `order-${a.tenantId}`, exact: true }).waitFor();
    expect(await page.getByRole('link', { name: `order-${b.tenantId}` }).count()).toBe(0);
    await page.goto(`/console/deliveries/${b.deliveryId}`);
    await page.getByRole('alert').getByText(`Delivery ${b.deliveryId} does not exist.`).waitFor();
    expect(await page.content()).not.toContain(`order-${b.tenantId}`);

    await nav.getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('heading', { name: 'API keys', level: 1 }).waitFor();
    await page.getByRole('article', { name: 'API keys' }).getByRole('table').waitFor();
    expect(await page.content()).toContain(a.tenantId);

    await page.goto(`/console/tenants/${b.tenantId}`);
    await page.getByRole('heading', { name: 'Tenant not found', level: 1 }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    const seen = await page.content();
    for (const secret of [b.name, b.subscriptionId, b.deliveryId]) expect(seen).not.toContain(secret);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('the same link opened again is refused, and signs nobody in', async () => {
    const { context, page } = await openConsole(browser, config.url);
    await page.goto(link);
    await page.getByRole('alert').getByText(SPENT).waitFor();
    expect(await context.cookies()).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('an expired link is refused', async () => {
    const operator = new ApiClient(config.url, OPERATOR_TOKEN);
    const created = await operator.post('/v1/portal-sessions', { tenantId: a.tenantId, roles: ['setup'] });
    expect(created.status).toBe(201);
    await expire(created.body.url);
    const { context, page } = await openConsole(browser, config.url);
    await page.goto(created.body.url);
    await page.getByRole('alert').getByText(SPENT).waitFor();
    expect(await context.cookies()).toEqual([]);
    await context.close();
  });
});

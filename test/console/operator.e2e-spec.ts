import type { Browser, Locator, Page } from 'playwright-core';
import { randomUUID } from 'node:crypto';
import { eventKey, Topics } from '@hookbus/contracts';
import type { KafkaBus } from '@hookbus/kafka';
import { pollUntil, testBus, testDatabases, uniquePrefix } from '@hookbus/testing';
import { launchChromium, openConsole, screenshot, seriousViolations, signIn } from '../support/console-browser';
import { tabTo } from '../support/console-tenant';
import { ApiClient, SECRET_KEY, spawnConfigService } from '../support/config-service';
import { freePort, OPERATOR_TOKEN, ServiceProcess } from '../support/service-process';

/** The text of the elements that describe `control` (aria-describedby): its hint and its error. */
const descriptionOf = (control: Locator): Promise<string> =>
  control.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter(Boolean)
      .map((id: string) => element.ownerDocument.getElementById(id)?.textContent ?? '')
      .join(' '),
  );

/** The operator's console in Chromium: tenants, a tenant's API keys and portal links, against a real config-service. */
describe('console: the operator manages tenants, API keys and portal links (Chromium, real config-service)', () => {
  const [database] = testDatabases();
  let config: ServiceProcess;
  let browser: Browser;
  let operator: ApiClient;
  let page: Page;
  let pageErrors: string[];
  const tenantName = `Acme Komet shop ${Date.now().toString(36)}`;
  let tenantId: string;

  beforeAll(async () => {
    [config, browser] = await Promise.all([spawnConfigService(database, uniquePrefix('console-operator')), launchChromium()]);
    operator = new ApiClient(config.url, OPERATOR_TOKEN);
    const opened = await openConsole(browser, config.url);
    [page, pageErrors] = [opened.page, opened.pageErrors];
    await opened.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await signIn(page, OPERATOR_TOKEN);
  });
  afterAll(async () => {
    await browser?.close();
    await config?.stop();
    await database.drop();
  });
  afterEach(() => expect(pageErrors).toEqual([]));

  const hasFocus = (target: Locator) => target.evaluate((element) => element === element.ownerDocument.activeElement);
  const keysTable = () => page.getByRole('article', { name: 'API keys' }).getByRole('table');

  it('creates a tenant from the Tenants page, the refused name explained beside its field', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tenants' }).click();
    await page.getByRole('heading', { name: 'Tenants', level: 1 }).waitFor();
    const form = page.getByRole('article', { name: 'New tenant' });
    const name = form.getByLabel('Name');
    await name.fill('   ');
    await form.getByRole('button', { name: 'Create tenant' }).click();
    const refusal = await form.getByRole('alert').textContent();
    expect(refusal).toMatch(/\S/);
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(name)).toContain(refusal);
    expect(await seriousViolations(page)).toEqual([]);

    await name.fill(tenantName);
    await form.getByRole('button', { name: 'Create tenant' }).click();
    await form.getByRole('status').getByText(`Tenant ${tenantName} created`).waitFor();
    expect(await name.getAttribute('aria-invalid')).toBeNull();
    const listed = await operator.get('/v1/tenants');
    const created = listed.body.items.find((item: { name: string }) => item.name === tenantName);
    expect(created).toMatchObject({ name: tenantName, id: expect.stringMatching(/^tnt_/) });
    tenantId = created.id;
    await page.getByRole('article', { name: 'All tenants' }).getByRole('link', { name: tenantName }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'tenants');
  });

  it('creates a tenant with the keyboard alone', async () => {
    const name = `Keyboard shop ${Date.now().toString(36)}`;
    const form = page.getByRole('article', { name: 'New tenant' });
    await tabTo(page, form.getByLabel('Name'));
    await page.keyboard.type(name);
    await page.keyboard.press('Enter');
    await form.getByRole('status').getByText(`Tenant ${name} created`).waitFor();
    expect((await operator.get('/v1/tenants')).body.items.map((item: { name: string }) => item.name)).toContain(name);
  });

  it('lists every tenant, a page at a time', async () => {
    const created = await Promise.all(Array.from({ length: 55 }, (_, index) => operator.post('/v1/tenants', { name: `Paged shop ${index}` })));
    expect(created.every((answer) => answer.status === 201)).toBe(true);
    let total = 0;
    for (let cursor: string | undefined, first = true; first || cursor; first = false) {
      const answer = await operator.get(`/v1/tenants${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`);
      total += answer.body.items.length;
      cursor = answer.body.next;
    }
    await page.reload();
    const list = page.getByRole('article', { name: 'All tenants' });
    const more = list.getByRole('button', { name: 'Load more tenants' });
    await more.waitFor();
    const shown = list.getByRole('table').getByRole('row');
    expect(await shown.count()).toBeLessThan(total + 1);
    // Between 51 and 100 tenants: the second page of 50 holds the rest, and nothing more is offered.
    expect(total).toBeLessThanOrEqual(100);
    await more.click();
    await pollUntil('every tenant is listed', async () => (await shown.count()) === total + 1); // + the header row
    expect(await more.count()).toBe(0);
  });

  it('creates an admin key that is shown once, works against the API, and stops working once revoked', async () => {
    await page.getByRole('article', { name: 'All tenants' }).getByRole('link', { name: tenantName }).click();
    await page.getByRole('heading', { name: tenantName, level: 1 }).waitFor();
    await page.getByRole('article', { name: 'API keys' }).getByText('This tenant has no API keys yet.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // No role chosen: the server's refusal shows beside the roles.
    const keys = page.getByRole('article', { name: 'API keys' });
    await keys.getByRole('button', { name: 'Create API key' }).click();
    const refusal = await keys.getByRole('group', { name: 'Roles' }).getByRole('alert').textContent();
    expect(refusal).toMatch(/\S/);
    expect(await descriptionOf(keys.getByRole('checkbox', { name: 'Admin' }))).toContain(refusal);

    await keys.getByRole('checkbox', { name: 'Admin' }).check();
    await keys.getByRole('button', { name: 'Create API key' }).click();
    const dialog = page.getByRole('dialog', { name: 'API key created' });
    await dialog.waitFor();
    await dialog.getByText('it will not be shown again').waitFor();
    const key = await dialog.getByRole('textbox', { name: 'API key', exact: true }).inputValue();
    expect(key).toMatch(/^hbk_key_[0-9a-f]{16}\./);
    await dialog.getByRole('button', { name: 'Copy API key' }).click();
    await dialog.getByRole('status').getByText('Copied.').waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(key);
    expect(await seriousViolations(page)).toEqual([]);

    const holder = new ApiClient(config.url, key);
    expect((await holder.get(`/v1/tenants/${tenantId}`)).body).toEqual({ id: tenantId, name: tenantName });

    await dialog.getByRole('button', { name: 'I have copied it' }).click();
    await dialog.waitFor({ state: 'detached' });
    await pollUntil('the key is gone from the page', async () => !(await page.content()).includes(key.split('.')[1]));
    const keyId = key.slice('hbk_'.length).split('.')[0];
    const row = keysTable().getByRole('row', { name: new RegExp(keyId) });
    await row.getByRole('cell', { name: 'Active' }).waitFor();
    expect(await row.getByRole('cell', { name: 'Admin', exact: true }).count()).toBe(1);
    await screenshot(page, 'api-keys');

    await row.getByRole('button', { name: `Revoke key ${keyId}` }).click();
    const confirm = page.getByRole('dialog', { name: `Revoke API key ${keyId}?` });
    await confirm.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await confirm.getByRole('button', { name: 'Revoke key' }).click();
    await confirm.waitFor({ state: 'detached' });
    await row.getByRole('cell', { name: /^Revoked/ }).waitFor();
    expect(await row.getByRole('button').count()).toBe(0);
    expect((await holder.get(`/v1/tenants/${tenantId}`)).status).toBe(401);
    const listed = await operator.get(`/v1/tenants/${tenantId}/api-keys`);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: keyId, roles: ['admin'], revokedAt: expect.any(String) })]);
  });

  it('creates and revokes a key with the keyboard alone; Escape closes the dialog and the key is gone', async () => {
    const keys = page.getByRole('article', { name: 'API keys' });
    await tabTo(page, keys.getByRole('checkbox', { name: 'Producer' }));
    await page.keyboard.press('Space');
    await tabTo(page, keys.getByRole('button', { name: 'Create API key' }));
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'API key created' });
    await dialog.waitFor();
    const key = await dialog.getByRole('textbox', { name: 'API key', exact: true }).inputValue();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // Focus goes back to what opened the dialog.
    await pollUntil('the focus is back on Create API key', () => hasFocus(keys.getByRole('button', { name: 'Create API key' })));
    await pollUntil('the key is gone from the page', async () => !(await page.content()).includes(key.split('.')[1]));
    const keyId = key.slice('hbk_'.length).split('.')[0];
    const row = keysTable().getByRole('row', { name: new RegExp(keyId) });
    await row.getByRole('cell', { name: 'Producer', exact: true }).waitFor();

    await tabTo(page, row.getByRole('button', { name: `Revoke key ${keyId}` }));
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('dialog', { name: `Revoke API key ${keyId}?` });
    await confirm.waitFor();
    // Focus starts on the dialog's Close button: Enter alone must not revoke.
    await tabTo(page, confirm.getByRole('button', { name: 'Revoke key' }));
    await page.keyboard.press('Enter');
    await row.getByRole('cell', { name: /^Revoked/ }).waitFor();
    // The Revoke button is gone with the key: the focus stays in the card, on its heading.
    await pollUntil('the focus is on the API keys heading', () => hasFocus(keys.getByRole('heading', { name: 'API keys' })));
    await pollUntil('the revoked key is refused', async () => (await new ApiClient(config.url, key).get(`/v1/tenants/${tenantId}`)).status === 401);
  });

  it('creates a portal link that opens the console once, signed in to the tenant', async () => {
    const links = page.getByRole('article', { name: 'Portal links' });
    await links.getByRole('checkbox', { name: 'Admin' }).check();
    await links.getByLabel('Session length').selectOption({ label: '4 hours' });
    await links.getByRole('button', { name: 'Create portal link' }).click();
    const url = await links.getByRole('textbox', { name: 'Portal link', exact: true }).inputValue();
    expect(url).toMatch(new RegExp(`^${config.url}/console/portal#[A-Za-z0-9_-]{43}$`));
    await links.getByText(/It works once, until/).waitFor();
    await links.getByRole('button', { name: 'Copy portal link' }).click();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(url);
    expect(await seriousViolations(page)).toEqual([]);

    const visitor = await openConsole(browser, config.url);
    await visitor.page.goto(url);
    const nav = visitor.page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'API keys' }).waitFor();
    await visitor.page.getByText(`${tenantName} (admin, setup)`).waitFor();
    const session = (await visitor.page.evaluate("fetch('/v1/sessions/current').then((response) => response.json())")) as { expiresAt: string };
    expect(session).toMatchObject({ kind: 'tenant', tenantId, roles: ['admin', 'setup'] });
    expect(new Date(session.expiresAt).getTime() - Date.now()).toBeGreaterThan(3.9 * 3600 * 1000);
    expect(visitor.pageErrors).toEqual([]);
    await visitor.context.close();
  });
});

/**
 * The System page against config-service probing real delivery-service and retry-scheduler processes
 * on topics of their own (HOOKBUS_SERVICE_URLS), and an ingest-service address nobody listens on.
 */
describe('console: the System page (Chromium, real services)', () => {
  const [configDatabase, schedulerDatabase] = [testDatabases()[0], testDatabases()[0]];
  const prefix = uniquePrefix('console-system');
  const services: ServiceProcess[] = [];
  let config: ServiceProcess;
  let bus: KafkaBus;
  let browser: Browser;
  let absent: string;

  beforeAll(async () => {
    const common = { KAFKA_TOPIC_PREFIX: prefix, LOG_LEVEL: 'warn' };
    const [delivery, scheduler] = await Promise.all([
      ServiceProcess.spawn('delivery-service', { ...common, HOOKBUS_SECRET_KEY: SECRET_KEY }).then((service) => service.ready()),
      ServiceProcess.spawn('retry-scheduler', { ...common, DATABASE_URL: schedulerDatabase.url }).then((service) => service.ready()),
    ]);
    services.push(delivery, scheduler);
    absent = `http://127.0.0.1:${await freePort()}`;
    [config, bus, browser] = await Promise.all([
      spawnConfigService(configDatabase, prefix, { HOOKBUS_SERVICE_URLS: `ingest-service=${absent},delivery-service=${delivery.url},retry-scheduler=${scheduler.url}` }),
      testBus(prefix),
      launchChromium(),
    ]);
    services.push(config);
  });
  afterAll(async () => {
    await browser?.close();
    await bus?.disconnect();
    await Promise.all(services.map((service) => service.stop()));
    await Promise.all([configDatabase, schedulerDatabase].map((database) => database.drop()));
  });

  it('shows each service ready or not in words, consumer lag per group and topic, and quarantine counts, refreshed', async () => {
    const { page, pageErrors } = await openConsole(browser, config.url);
    await signIn(page, OPERATOR_TOKEN);
    // By keyboard: from the navigation's Tenants link to System.
    await tabTo(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'System' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'System', level: 1 }).waitFor();

    const servicesTable = page.getByRole('article', { name: 'Services' }).getByRole('table');
    const readiness = async (name: string) => (await servicesTable.getByRole('row', { name: new RegExp(`^${name} `) }).getByRole('cell').nth(0).textContent())?.trim();
    await servicesTable.waitFor();
    expect(await readiness('config-service')).toBe('✓ Ready');
    expect(await readiness('delivery-service')).toBe('✓ Ready');
    expect(await readiness('retry-scheduler')).toBe('✓ Ready');
    expect(await readiness('ingest-service')).toBe('✗ Not ready');
    // The sign is decoration: assistive technology hears the words alone.
    expect(await servicesTable.getByRole('row', { name: /^ingest-service/ }).getByRole('cell', { name: 'Not ready', exact: true }).count()).toBe(1);

    // An event for a tenant nobody subscribed for: delivery-service reads it and commits, so its group shows.
    const event = { specversion: '1.0', id: randomUUID(), source: 'urn:hookbus:test', type: 'order.confirmed', time: new Date().toISOString(), subject: 'order-1', tenantid: 'tnt_nobody', data: { companyId: 1, orderId: 1 } };
    await bus.publish(Topics.events.name, [{ key: eventKey(event.tenantid, event.subject), value: JSON.stringify(event) }]);
    const lag = page.getByRole('article', { name: 'Consumer lag' }).getByRole('table');
    await lag.getByRole('row', { name: `${prefix}hookbus-delivery-service ${prefix}${Topics.events.name} 0` }).waitFor({ timeout: 30_000 });

    // A message put in quarantine shows up at the next refresh, without reloading.
    const quarantine = page.getByRole('article', { name: 'Quarantine' }).getByRole('table');
    const quarantineRow = quarantine.getByRole('row', { name: new RegExp(`^${prefix}${Topics.quarantine.name}`) });
    expect(await quarantineRow.getByRole('cell').textContent()).toBe('0');
    await bus.publish(Topics.quarantine.name, [{ key: 'broken', value: 'not a CloudEvent' }]);
    await quarantineRow.getByRole('cell', { name: '1', exact: true }).waitFor({ timeout: 20_000 });

    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'system');
    expect(pageErrors).toEqual([]);
  });
});

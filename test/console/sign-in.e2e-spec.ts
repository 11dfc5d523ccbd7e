import type { Browser } from 'playwright-core';
import { testDatabases, uniquePrefix } from '@hookbus/testing';
import { launchChromium, openConsole, seriousViolations, signIn } from '../support/console-browser';
import { newTenant, spawnConfigService } from '../support/config-service';
import { OPERATOR_TOKEN, type ServiceProcess } from '../support/service-process';

/** Signing in and out of the console in Chromium, against a real config-service serving the build. */
describe('console: signing in (Chromium, real config-service)', () => {
  const [database] = testDatabases();
  let config: ServiceProcess;
  let browser: Browser;

  beforeAll(async () => {
    [config, browser] = await Promise.all([spawnConfigService(database, uniquePrefix('console-sign-in')), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await config?.stop();
    await database.drop();
  });

  it('serves the sign-in page under its Content-Security-Policy, with no violation and nothing axe finds serious', async () => {
    const { context, page, pageErrors } = await openConsole(browser, config.url);
    const response = await page.goto('/console/');
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByRole('heading', { name: 'Sign in to hookbus' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/sign-in');
    expect(await seriousViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('a tenant admin signs in with the keyboard alone and gets an HttpOnly, SameSite=Strict session cookie and the tenant pages', async () => {
    const { key } = await newTenant(config, ['admin']);
    const { context, page } = await openConsole(browser, config.url);
    await page.goto('/console/sign-in');
    await page.getByLabel('API key or operator token').waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.type(key);
    await page.keyboard.press('Enter');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Deliveries' }).waitFor();
    for (const name of ['Overview', 'Integrations', 'System Notifications', 'API keys']) await expect(nav.getByRole('link', { name }).isVisible()).resolves.toBe(true);
    expect(await nav.getByRole('link', { name: 'Tenants' }).count()).toBe(0);
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: 'hookbus_session', httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie.value).not.toContain(key);
    await context.close();
  });

  it('a wrong key is refused on the page and no cookie is set', async () => {
    const { context, page } = await openConsole(browser, config.url);
    await page.goto('/console/sign-in');
    await page.getByLabel('API key or operator token').fill('hb_not-a-key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/sign-in');
    expect(await context.cookies()).toEqual([]);
    await context.close();
  });

  it('the operator signs in with the operator token and sees Tenants and System', async () => {
    const { context, page } = await openConsole(browser, config.url);
    await signIn(page, OPERATOR_TOKEN);
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const name of ['Tenants', 'System']) await expect(nav.getByRole('link', { name }).isVisible()).resolves.toBe(true);
    expect(await nav.getByRole('link', { name: 'Deliveries' }).count()).toBe(0);
    await context.close();
  });

  it('a deep link opened signed out leads through sign-in back to it', async () => {
    const { key } = await newTenant(config, ['admin']);
    const { context, page } = await openConsole(browser, config.url);
    await page.goto('/console/deliveries');
    await page.getByRole('heading', { name: 'Sign in to hookbus' }).waitFor();
    await page.getByLabel('API key or operator token').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/console/deliveries');
    await context.close();
  });

  it('signing out ends the session on the server: the old cookie is refused afterwards', async () => {
    const { key } = await newTenant(config, ['setup']);
    const { context, page } = await openConsole(browser, config.url);
    await signIn(page, key);
    const [cookie] = await context.cookies();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to hookbus' }).waitFor();
    const replayed = await fetch(`${config.url}/v1/sessions/current`, { headers: { cookie: `${cookie.name}=${cookie.value}` } });
    expect(replayed.status).toBe(401);
    await context.close();
  });
});

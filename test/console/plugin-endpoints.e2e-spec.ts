import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { pollUntil } from '@hookbus/testing';
import { Webhook } from 'standardwebhooks';
import { launchChromium, screenshot, seriousViolations } from '../support/console-browser';
import { ConsolePlatform } from '../support/console-platform';
import { deliveryServiceSees, signedIn, tenantKey } from '../support/console-tenant';
import type { ReceivedRequest } from '../support/webhook-receiver';

jest.setTimeout(90_000);

// Subscriptions are asserted structurally.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/**
 * A plugin without a card of its own (the generic webhook) in Chromium against the real platform:
 * its card and form come from GET /v1/plugins alone; what the form does is read back through the
 * API and at a real receiver.
 */
describe('console: a plugin card made from its description (Chromium, real platform)', () => {
  let platform: ConsolePlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];
  let title: string;
  let secret: string;

  const webhooks = async (): Promise<Json[]> => (await platform.harness.client.get('/v1/subscriptions')).body.items.filter((item: Json) => item.plugin === 'webhook');
  const card = () => page.getByRole('region', { name: title, exact: true });
  const endpoint = (url: string) => card().getByRole('region', { name: url, exact: true });
  const fieldError = async (field: Locator) => {
    await pollUntil('the field is marked invalid', async () => (await field.getAttribute('aria-invalid')) === 'true');
    const ids = (await field.getAttribute('aria-describedby'))?.split(' ') ?? [];
    return (await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()))).join(' ');
  };
  const receivedAt = (path: string, count: number) =>
    pollUntil(`the receiver got request ${count} at ${path}`, () => platform.harness.receiver.at(path)[count - 1]);
  const signedWith = (key: string, request: ReceivedRequest) => {
    try {
      new Webhook(key).verify(request.body, request.headers as Record<string, string>);
      return true;
    } catch {
      return false;
    }
  };
  const url = (path: string) => `${platform.harness.receiver.url}${path}`;

  beforeAll(async () => {
    [platform, browser] = await Promise.all([ConsolePlatform.start('console-plugin-endpoints'), launchChromium()]);
    const key = await tenantKey(platform, ['setup']);
    title = (await platform.harness.client.get('/v1/plugins')).body.items.find((plugin: Json) => plugin.vendor === 'webhook').title;
    ({ context, page, pageErrors } = await signedIn(browser, platform, key, '/integrations'));
    await page.getByRole('heading', { name: 'Integrations', level: 1 }).waitFor();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await platform?.stop();
  });

  it('shows the webhook plugin once, in a card titled by the plugin, beside the vendor cards as before', async () => {
    await card().getByText('No endpoint yet.').waitFor();
    expect(await page.getByRole('heading', { name: title, exact: true }).count()).toBe(1);
    expect(await page.getByRole('region', { name: 'Komerce Webhook', exact: true }).getByLabel('Webhook URL').isVisible()).toBe(true);
    // postback's links are made on the System Notifications page, not here.
    expect(await page.getByRole('region', { name: 'Postback notifications' }).count()).toBe(0);
  });

  it('refuses an event type that does not exist beside Event types, creating nothing', async () => {
    await card().getByRole('button', { name: 'Add endpoint' }).click();
    const dialog = page.getByRole('dialog', { name: `Add a ${title} endpoint` });
    await dialog.getByLabel('URL').fill(url('/webhook/orders'));
    expect(await dialog.getByLabel('Mode').inputValue()).toBe('structured');
    await dialog.getByLabel('Event types').fill('order.*\norder.shipped');
    await dialog.getByLabel('Mode').selectOption('binary');
    await dialog.getByRole('radio', { name: 'Bearer Token' }).check();
    await dialog.getByLabel('Token', { exact: true }).fill('webhook-token');
    await dialog.getByLabel('Error e-mails').fill('ops@example.com');
    expect(await dialog.getByText('tried again after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h').isVisible()).toBe(true);
    // Only the plugin's auth types are offered.
    expect(await dialog.getByRole('radio').count()).toBe(3);
    await dialog.getByRole('button', { name: 'Save' }).click();

    expect(await fieldError(dialog.getByLabel('Event types'))).toContain('order.shipped: is not an event type');
    expect(await dialog.getByLabel('URL').getAttribute('aria-invalid')).toBeNull();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await webhooks()).toEqual([]);
  });

  it('creates the endpoint with order.* and refund.applied, binary mode and a Bearer token, and shows its signing secret once', async () => {
    const dialog = page.getByRole('dialog', { name: `Add a ${title} endpoint` });
    await dialog.getByLabel('Event types').fill('order.*\nrefund.applied');
    await dialog.getByRole('button', { name: 'Save' }).click();

    const shown = page.getByRole('dialog', { name: 'Endpoint added' });
    secret = await shown.getByLabel('Signing secret', { exact: true }).inputValue();
    expect(secret).toMatch(/^whsec_/);
    expect(await webhooks()).toEqual([
      expect.objectContaining({
        hook: 'events',
        url: url('/webhook/orders'),
        method: 'POST',
        enabled: true,
        auth: { type: 'bearer', token: '********' },
        errorEmails: ['ops@example.com'],
        settings: { eventTypes: ['order.*', 'refund.applied'], mode: 'binary' },
      }),
    ]);
    await shown.getByRole('button', { name: 'Done' }).click();
    await shown.waitFor({ state: 'detached' });

    const listed = endpoint(url('/webhook/orders'));
    await listed.getByText('Active', { exact: true }).waitFor();
    expect(await listed.getByRole('listitem').allTextContents()).toEqual(['Event types: order.*, refund.applied', 'Mode: binary', 'Authentication: Bearer token', 'Error e-mails: ops@example.com']);
    expect(await page.getByLabel('Signing secret', { exact: true }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('sends a test event: the CloudEvent in binary mode with the Bearer token, signed with that secret', async () => {
    const [saved] = await webhooks();
    await deliveryServiceSees(platform, saved.id);
    await endpoint(url('/webhook/orders')).getByRole('button', { name: 'Send test event' }).click();

    const request = await receivedAt('/webhook/orders', 1);
    expect(request.headers).toMatchObject({ 'ce-specversion': '1.0', 'ce-type': 'order.confirmed', authorization: 'Bearer webhook-token' });
    expect(signedWith(secret, request)).toBe(true);
    await endpoint(url('/webhook/orders')).getByRole('status').filter({ hasText: 'Test event delivered: HTTP 200' }).waitFor();
  });

  it('lists every endpoint of the tenant: one made through the API shows up beside it', async () => {
    const other = await platform.harness.client.post('/v1/subscriptions', { plugin: 'webhook', hook: 'events', url: url('/webhook/shipments'), settings: { eventTypes: ['shipment.*'] } });
    expect(other.status).toBe(201);
    await endpoint(url('/webhook/shipments')).getByText('Event types: shipment.*').waitFor();
    expect(await card().getByRole('region').count()).toBe(2);
    await screenshot(card(), 'integrations-webhook');
  });

  it('edits the endpoint: a new URL and structured mode, keeping the saved token', async () => {
    await endpoint(url('/webhook/orders')).getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit endpoint' });
    expect(await dialog.getByLabel('Event types').inputValue()).toBe('order.*\nrefund.applied');
    expect(await dialog.getByLabel('Mode').inputValue()).toBe('binary');
    expect(await dialog.getByRole('radio', { name: 'Bearer Token' }).isChecked()).toBe(true);
    await dialog.getByLabel('URL').fill(url('/webhook/v2/orders'));
    await dialog.getByLabel('Mode').selectOption('structured');
    await screenshot(dialog.locator('article'), 'integrations-webhook-form');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });

    await endpoint(url('/webhook/v2/orders')).getByText('Mode: structured').waitFor();
    const saved = (await webhooks()).find((item) => item.url === url('/webhook/v2/orders'));
    expect(saved).toMatchObject({ auth: { type: 'bearer' }, settings: { eventTypes: ['order.*', 'refund.applied'], mode: 'structured' } });
    await deliveryServiceSees(platform, saved.id, saved.version);
    await endpoint(url('/webhook/v2/orders')).getByRole('button', { name: 'Send test event' }).click();
    const request = await receivedAt('/webhook/v2/orders', 1);
    expect(request.headers['content-type']).toMatch(/^application\/cloudevents\+json/);
    expect(request.headers.authorization).toBe('Bearer webhook-token');
    expect(JSON.parse(request.body)).toMatchObject({ specversion: '1.0', type: 'order.confirmed' });
  });

  it('disables the endpoint, then deletes it after asking; the other one stays', async () => {
    const listed = endpoint(url('/webhook/v2/orders'));
    await listed.getByRole('button', { name: 'Disable' }).click();
    await listed.getByRole('button', { name: 'Re-enable' }).waitFor();
    const { id } = (await webhooks()).find((item) => item.url === url('/webhook/v2/orders'));
    expect((await platform.harness.client.get(`/v1/subscriptions/${id}`)).body).toMatchObject({ enabled: false });

    await listed.getByRole('button', { name: 'Delete' }).click();
    const confirm = page.getByRole('dialog', { name: `Delete the endpoint ${url('/webhook/v2/orders')}?` });
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await listed.waitFor({ state: 'detached' });
    expect((await platform.harness.client.get(`/v1/subscriptions/${id}`)).status).toBe(404);
    expect(await endpoint(url('/webhook/shipments')).isVisible()).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});

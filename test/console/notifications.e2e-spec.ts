import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { pollUntil } from '@hookbus/testing';
import { launchChromium, screenshot, seriousViolations } from '../support/console-browser';
import { ConsolePlatform } from '../support/console-platform';
import { deliveryServiceSees, signedIn, tabTo, tenantKey } from '../support/console-tenant';

jest.setTimeout(90_000);

// Answers are asserted structurally.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const EVENT_NAMES = [
  'Order completed',
  'Contact created',
  'Shipping tracking info updated',
  'Product conflicts',
  'Transaction declined',
  'Refund applied',
  'Subscription canceled',
  'Customer created',
  'Approved transaction',
  'Survey completed',
];

/**
 * System Notifications in Chromium against the real platform: the event switches, channels and
 * their links to events done through the page, read back through the API and, for postbacks,
 * at a real receiver.
 */
describe('console: System Notifications (Chromium, real platform)', () => {
  let platform: ConsolePlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  const api = {
    events: async (): Promise<Json[]> => (await platform.harness.client.get('/v1/notification-events')).body.items,
    event: async (type: string): Promise<Json> => (await api.events()).find((item) => item.type === type),
    channels: async (): Promise<Json[]> => (await platform.harness.client.get('/v1/channels')).body.items,
  };
  const event = (name: string) => page.getByRole('region', { name, exact: true });
  const channelsRegion = () => page.getByRole('region', { name: 'Channels', exact: true });
  const fieldError = async (field: Locator) => {
    await pollUntil('the field is marked invalid', async () => (await field.getAttribute('aria-invalid')) === 'true');
    const ids = (await field.getAttribute('aria-describedby'))?.split(' ') ?? [];
    return (await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()))).join(' ');
  };

  beforeAll(async () => {
    [platform, browser] = await Promise.all([ConsolePlatform.start('console-notifications'), launchChromium()]);
    platform.harness.receiver.answer({ status: 200, body: '' });
    ({ context, page, pageErrors } = await signedIn(browser, platform, await tenantKey(platform, ['setup']), '/notifications'));
    await page.getByRole('heading', { name: 'System Notifications', level: 1 }).waitFor();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await platform?.stop();
  });

  it('lists the 10 notification events in the vendor\'s words, each with its switch, off', async () => {
    for (const name of EVENT_NAMES) {
      const toggle = event(name).getByRole('switch', { name, exact: true });
      expect(await toggle.isChecked()).toBe(false);
    }
    expect(await page.getByRole('switch').count()).toBe(10);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('turns "Order completed" on by keyboard alone', async () => {
    const toggle = page.getByRole('switch', { name: 'Order completed', exact: true });
    await tabTo(page, toggle);
    await page.keyboard.press('Space');
    await pollUntil('the event is on', async () => (await api.event('order.completed')).enabled === true);
    expect(await toggle.isChecked()).toBe(true);
    expect((await api.events()).filter(({ enabled }) => enabled).map(({ type }) => type)).toEqual(['order.completed']);
  });

  it('refuses a channel with a URL that is not http(s) beside URL, creating nothing; then creates it', async () => {
    await channelsRegion().getByRole('button', { name: 'Add channel' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a channel' });
    await dialog.getByLabel('Name').fill('CRM');
    await dialog.getByLabel('URL').fill('ftp://crm.example/postbacks');
    await dialog.getByRole('button', { name: 'Save' }).click();
    expect(await fieldError(dialog.getByLabel('URL'))).toContain('must be an absolute http(s) URL');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await api.channels()).toEqual([]);

    await dialog.getByLabel('URL').fill(`${platform.harness.receiver.url}/postbacks`);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await api.channels()).toEqual([expect.objectContaining({ name: 'CRM', url: `${platform.harness.receiver.url}/postbacks` })]);
    await channelsRegion().getByRole('row', { name: /CRM/ }).waitFor();
  });

  it('attaches the channel to "Order completed" with sources Shop and Funnel: a shop order reaches it, an admin one does not', async () => {
    const region = event('Order completed');
    await region.getByRole('button', { name: 'Order completed' }).click();
    expect(await region.getByText('No channel is attached to this event.').isVisible()).toBe(true);
    await region.getByRole('button', { name: 'Attach channel' }).click();
    const dialog = page.getByRole('dialog', { name: 'Attach a channel to Order completed' });
    expect(await dialog.getByLabel('Channel').inputValue()).toBe((await api.channels())[0].id);
    await dialog.getByRole('checkbox', { name: 'Admin' }).uncheck();
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });

    await region.getByRole('row', { name: /CRM/ }).getByText('Shop, Funnel').waitFor();
    const [channel] = await api.channels();
    const { channels } = await api.event('order.completed');
    expect(channels).toEqual([{ channelId: channel.id, sources: ['shop', 'funnel'], subscriptionId: expect.stringMatching(/^sub_/) }]);
    expect(await region.getByLabel('Signing secret', { exact: true }).inputValue()).toMatch(/^whsec_/);
    expect(await region.getByRole('button', { name: 'Copy signing secret' }).isVisible()).toBe(true);
    await screenshot(page, 'system-notifications');

    await deliveryServiceSees(platform, channels[0].subscriptionId);
    const fromAdmin = await platform.harness.publishEvent('order.completed', { orderId: 'A-1' }, { origin: 'admin' });
    const fromShop = await platform.harness.publishEvent('order.completed', { orderId: 'S-1' }, { origin: 'shop' });
    const [request] = await pollUntil('the shop order reached the channel', () => platform.harness.receiver.at('/postbacks').length > 0 && platform.harness.receiver.at('/postbacks'));
    expect(JSON.parse(request.body)).toMatchObject({ id: fromShop.id, event: 'order.completed', source: 'shop', data: { orderId: 'S-1' } });
    await platform.harness.eventsHandled();
    expect(platform.harness.receiver.at('/postbacks').map(({ body }) => JSON.parse(body).id)).not.toContain(fromAdmin.id);
  });

  it('edits the link\'s sources to Admin only', async () => {
    const region = event('Order completed');
    await region.getByRole('row', { name: /CRM/ }).getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit the sources of CRM for Order completed' });
    await dialog.getByRole('checkbox', { name: 'Admin' }).check();
    await dialog.getByRole('checkbox', { name: 'Shop' }).uncheck();
    await dialog.getByRole('checkbox', { name: 'Funnel' }).uncheck();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });

    await region.getByRole('row', { name: /CRM/ }).getByText('Admin', { exact: true }).waitFor();
    const { channels } = await api.event('order.completed');
    expect(channels).toEqual([expect.objectContaining({ sources: ['admin'] })]);
    const subscription = (await platform.harness.client.get(`/v1/subscriptions/${channels[0].subscriptionId}`)).body;
    expect(subscription).toMatchObject({ plugin: 'postback', hook: 'order.completed', enabled: true, settings: { sources: ['admin'] } });
  });

  it('refuses a link with no source beside Sources, changing nothing', async () => {
    const region = event('Order completed');
    await region.getByRole('row', { name: /CRM/ }).getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit the sources of CRM for Order completed' });
    await dialog.getByRole('checkbox', { name: 'Admin' }).uncheck();
    await dialog.getByRole('button', { name: 'Save' }).click();
    const sources = dialog.getByRole('group', { name: 'Sources' });
    await sources.getByRole('alert').waitFor();
    expect(await sources.getByRole('alert').textContent()).toContain('must name at least one source');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await api.event('order.completed')).channels).toEqual([expect.objectContaining({ sources: ['admin'] })]);
  });

  it('deletes (detaches) the channel from the event after asking; the channel stays', async () => {
    const region = event('Order completed');
    const { channels } = await api.event('order.completed');
    await region.getByRole('row', { name: /CRM/ }).getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog', { name: 'Delete CRM from Order completed?' }).getByRole('button', { name: 'Delete' }).click();
    await region.getByText('No channel is attached to this event.').waitFor();

    expect((await api.event('order.completed')).channels).toEqual([]);
    expect((await platform.harness.client.get(`/v1/subscriptions/${channels[0].subscriptionId}`)).status).toBe(404);
    expect(await api.channels()).toHaveLength(1);
  });

  it('adds a channel from the attach form ("Add"), attaches it, renames it and deletes it with its link', async () => {
    const region = event('Refund applied');
    await region.getByRole('button', { name: 'Refund applied' }).click();
    await region.getByRole('button', { name: 'Attach channel' }).click();
    await page.getByRole('dialog', { name: 'Attach a channel to Refund applied' }).getByRole('button', { name: 'Add' }).click();
    const adding = page.getByRole('dialog', { name: 'Add a channel' });
    await adding.getByLabel('Name').fill('Ledger');
    await adding.getByLabel('URL').fill(`${platform.harness.receiver.url}/ledger`);
    await adding.getByRole('button', { name: 'Save' }).click();
    const attach = page.getByRole('dialog', { name: 'Attach a channel to Refund applied' });
    await pollUntil('the new channel is chosen', async () => (await attach.getByLabel('Channel').locator('option:checked').textContent()) === 'Ledger');
    await attach.getByRole('button', { name: 'Save' }).click();
    await attach.waitFor({ state: 'detached' });
    await region.getByRole('row', { name: /Ledger/ }).getByText('Admin, Shop, Funnel').waitFor();
    const ledger = (await api.channels()).find(({ name }) => name === 'Ledger');
    expect((await api.event('refund.applied')).channels).toEqual([expect.objectContaining({ channelId: ledger.id, sources: ['admin', 'shop', 'funnel'] })]);

    await channelsRegion().getByRole('row', { name: /Ledger/ }).getByRole('button', { name: 'Edit' }).click();
    const editing = page.getByRole('dialog', { name: 'Edit channel Ledger' });
    await editing.getByLabel('Name').fill('Ledger 2');
    await editing.getByRole('button', { name: 'Save' }).click();
    await editing.waitFor({ state: 'detached' });
    await pollUntil('the channel is renamed', async () => (await api.channels()).some(({ name }) => name === 'Ledger 2'));
    await region.getByRole('row', { name: /Ledger 2/ }).waitFor();

    await channelsRegion().getByRole('row', { name: /Ledger 2/ }).getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog', { name: 'Delete channel Ledger 2?' }).getByRole('button', { name: 'Delete' }).click();
    await channelsRegion().getByRole('row', { name: /Ledger 2/ }).waitFor({ state: 'detached' });
    expect((await api.channels()).map(({ name }) => name)).toEqual(['CRM']);
    expect((await api.event('refund.applied')).channels).toEqual([]);
    await region.getByText('No channel is attached to this event.').waitFor();
    expect(pageErrors).toEqual([]);
  });
});

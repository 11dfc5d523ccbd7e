import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { pollUntil } from '@hookbus/testing';
import { Webhook } from 'standardwebhooks';
import { launchChromium, screenshot, seriousViolations } from '../support/console-browser';
import { ConsolePlatform } from '../support/console-platform';
import { deliveryServiceSees, signedIn, tabTo, tenantKey } from '../support/console-tenant';
import type { ReceivedRequest } from '../support/webhook-receiver';

jest.setTimeout(90_000);

// Subscriptions are asserted structurally.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/**
 * The Integrations page in Chromium against the real platform: every card's procedure done through
 * the page, its effect read back through the API and, for test events, at a real receiver.
 */
describe('console: Integrations (Chromium, real platform)', () => {
  let platform: ConsolePlatform;
  let browser: Browser;
  let key: string;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  const subscriptions = async (): Promise<Json[]> => (await platform.harness.client.get('/v1/subscriptions')).body.items;
  const subscriptionOf = async (plugin: string, hook: string): Promise<Json | undefined> =>
    (await subscriptions()).find((subscription) => subscription.plugin === plugin && subscription.hook === hook);
  const card = (name: string) => page.getByRole('region', { name, exact: true });
  const fieldError = async (field: Locator) => {
    // The error is tied to its field (aria-describedby), so it is read out with it.
    await pollUntil('the field is marked invalid', async () => (await field.getAttribute('aria-invalid')) === 'true');
    const ids = (await field.getAttribute('aria-describedby'))?.split(' ') ?? [];
    const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
    return texts.join(' ');
  };
  const received = (path: string) => pollUntil(`the receiver got a request at ${path}`, () => platform.harness.receiver.at(path).at(-1));
  const signedWith = (secret: string, request: ReceivedRequest) => {
    try {
      new Webhook(secret).verify(request.body, request.headers as Record<string, string>);
      return true;
    } catch {
      return false;
    }
  };

  beforeAll(async () => {
    [platform, browser] = await Promise.all([ConsolePlatform.start('console-integrations'), launchChromium()]);
    key = await tenantKey(platform);
    platform.harness.receiver.answer((request) => (request.url.startsWith('/gone') ? { status: 410, body: '' } : { status: 200, body: '{"status":"1","message":"ok"}' }));
    ({ context, page, pageErrors } = await signedIn(browser, platform, key, '/integrations'));
    await page.getByRole('heading', { name: 'Integrations', level: 1 }).waitFor();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await platform?.stop();
  });

  describe('Komet Sales Order Confirmation Webhook', () => {
    const region = () => card('Komet Sales Order Confirmation Webhook');
    let secret: string;

    it('refuses a sixth e-mail address and a token over 50 characters beside their fields, creating nothing', async () => {
      const form = region();
      await form.getByRole('checkbox', { name: 'Enable' }).check();
      await form.getByLabel('URL').fill(`${platform.harness.receiver.url}/komet/confirmation`);
      await form.getByLabel('Token', { exact: true }).fill('t'.repeat(51));
      await form.getByLabel('Error Notification').fill('a@example.com, b@example.com, c@example.com, d@example.com, e@example.com, f@example.com');
      await form.getByRole('button', { name: 'Save' }).click();

      expect(await fieldError(form.getByLabel('Error Notification'))).toContain('at most 5 addresses');
      expect(await fieldError(form.getByLabel('Token', { exact: true }))).toContain('at most 50 characters');
      expect(await form.getByLabel('URL').getAttribute('aria-invalid')).toBeNull();
      expect(await seriousViolations(page)).toEqual([]);
      expect(await subscriptionOf('komet', 'order-confirmation')).toBeUndefined();
    });

    it('names the address that is not one', async () => {
      const form = region();
      await form.getByLabel('Token', { exact: true }).fill('komet-token');
      await form.getByLabel('Error Notification').fill('sales@example.com, not-an-address');
      await form.getByRole('button', { name: 'Save' }).click();

      expect(await fieldError(form.getByLabel('Error Notification'))).toContain('not-an-address: must be a valid e-mail address');
      expect(await subscriptionOf('komet', 'order-confirmation')).toBeUndefined();
    });

    it('enables the webhook with URL, token and two e-mail addresses, and shows the signing secret once with a Copy button', async () => {
      const form = region();
      await form.getByLabel('Error Notification').fill('sales@example.com, ops@example.com');
      await form.getByRole('button', { name: 'Save' }).click();
      await form.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

      const saved = await subscriptionOf('komet', 'order-confirmation');
      expect(saved).toMatchObject({
        url: `${platform.harness.receiver.url}/komet/confirmation`,
        enabled: true,
        auth: { type: 'token', token: '********' },
        errorEmails: ['sales@example.com', 'ops@example.com'],
        status: 'active',
      });
      secret = await form.getByLabel('Signing secret', { exact: true }).inputValue();
      expect(secret).toMatch(/^whsec_/);
      await form.getByRole('button', { name: 'Copy signing secret' }).click();
      await form.getByRole('status').filter({ hasText: 'Copied.' }).waitFor();
      expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(secret);
      expect(await form.getByText('Active', { exact: true }).isVisible()).toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
    });

    it('sends a test event that reaches the receiver with the token, signed with that secret, and shows the result', async () => {
      const form = region();
      const { id } = await subscriptionOf('komet', 'order-confirmation');
      await deliveryServiceSees(platform, id);
      await form.getByRole('button', { name: 'Send test event' }).click();

      const request = await received('/komet/confirmation');
      expect(request.headers['authenticationtoken']).toBe('komet-token');
      expect(JSON.parse(request.body)).toEqual({ companyId: 1, orderId: 1 });
      expect(signedWith(secret, request)).toBe(true);
      await form.getByRole('status').filter({ hasText: 'Test event delivered: HTTP 200' }).waitFor();
    });

    it('does not show the secret again after a reload; Rotate secret shows a new one that signs the next test event', async () => {
      await page.reload();
      const form = region();
      await form.getByLabel('URL').waitFor();
      expect(await form.getByLabel('Signing secret', { exact: true }).count()).toBe(0);
      expect(await form.getByLabel('URL').inputValue()).toBe(`${platform.harness.receiver.url}/komet/confirmation`);

      await form.getByRole('button', { name: 'Rotate secret' }).click();
      const rotated = await form.getByLabel('Signing secret', { exact: true }).inputValue();
      expect(rotated).toMatch(/^whsec_/);
      expect(rotated).not.toBe(secret);
      expect(await form.getByRole('button', { name: 'Copy signing secret' }).isVisible()).toBe(true);

      const { id, version } = await subscriptionOf('komet', 'order-confirmation');
      await deliveryServiceSees(platform, id, version);
      const before = platform.harness.receiver.at('/komet/confirmation').length;
      await form.getByRole('button', { name: 'Send test event' }).click();
      await pollUntil('a second test event arrived', () => platform.harness.receiver.at('/komet/confirmation').length > before);
      const request = platform.harness.receiver.at('/komet/confirmation').at(-1) as ReceivedRequest;
      // For 24 hours the old secret still signs alongside the new one.
      expect(signedWith(rotated, request)).toBe(true);
      expect(signedWith(secret, request)).toBe(true);
      await form.getByRole('button', { name: 'Done' }).click();
      expect(await form.getByLabel('Signing secret', { exact: true }).count()).toBe(0);
    });

    it('disables the webhook by unchecking Enable, and re-enables it', async () => {
      const form = region();
      await form.getByRole('checkbox', { name: 'Enable' }).uncheck();
      await form.getByRole('button', { name: 'Save' }).click();
      await form.getByRole('button', { name: 'Re-enable' }).waitFor();
      expect(await subscriptionOf('komet', 'order-confirmation')).toMatchObject({ enabled: false });

      await form.getByRole('button', { name: 'Re-enable' }).click();
      await form.getByText('Active', { exact: true }).waitFor();
      expect(await subscriptionOf('komet', 'order-confirmation')).toMatchObject({ enabled: true, status: 'active' });
      expect(await form.getByRole('checkbox', { name: 'Enable' }).isChecked()).toBe(true);
    });
  });

  describe('Komet Sales Webhooks', () => {
    const region = () => card('Komet Sales Webhooks');

    it('sets up Payment Cancellation with a Bearer Token by keyboard alone', async () => {
      const form = region();
      expect(await form.getByLabel('Webhook', { exact: true }).inputValue()).toBe('payment-cancellation');
      await tabTo(page, form.getByLabel('URL'));
      await page.keyboard.type(`${platform.harness.receiver.url}/komet/payments`);
      // Tab into the Authentication radio group (on "None"), then the arrow keys choose.
      await page.keyboard.press('Tab');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      expect(await form.getByRole('radio', { name: 'Bearer Token' }).isChecked()).toBe(true);
      await page.keyboard.press('Tab');
      await page.keyboard.type('bearer-secret');
      await page.keyboard.press('Tab');
      await page.keyboard.type('finance@example.com');
      await page.keyboard.press('Enter');
      await form.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

      expect(await subscriptionOf('komet', 'payment-cancellation')).toMatchObject({
        url: `${platform.harness.receiver.url}/komet/payments`,
        method: 'POST',
        enabled: true,
        auth: { type: 'bearer', token: '********' },
        errorEmails: ['finance@example.com'],
      });
      expect(await subscriptionOf('komet', 'order-cancellation')).toBeUndefined();
    });

    it('sets up Order Cancellation with Basic authentication; a missing password is refused beside it', async () => {
      const form = region();
      await form.getByLabel('Webhook', { exact: true }).selectOption({ label: 'Order Cancellation' });
      await form.getByLabel('URL').fill(`${platform.harness.receiver.url}/komet/orders`);
      await form.getByRole('radio', { name: 'Basic' }).check();
      await form.getByLabel('Username').fill('komet');
      await form.getByRole('button', { name: 'Save' }).click();
      expect(await fieldError(form.getByLabel('Password'))).toContain('must not be empty');
      expect(await seriousViolations(page)).toEqual([]);
      expect(await subscriptionOf('komet', 'order-cancellation')).toBeUndefined();

      await form.getByLabel('Password').fill('s3cret');
      await form.getByRole('button', { name: 'Save' }).click();
      await form.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
      const saved = await subscriptionOf('komet', 'order-cancellation');
      expect(saved).toMatchObject({ url: `${platform.harness.receiver.url}/komet/orders`, auth: { type: 'basic', username: 'komet', password: '********' } });

      await deliveryServiceSees(platform, saved.id);
      await form.getByRole('button', { name: 'Send test event' }).click();
      const request = await received('/komet/orders');
      expect(request.headers.authorization).toBe(`Basic ${Buffer.from('komet:s3cret').toString('base64')}`);
      await form.getByRole('status').filter({ hasText: 'Test event delivered' }).waitFor();
    });

    it('shows the webhook chosen: Payment Cancellation keeps its URL and masked token', async () => {
      const form = region();
      await form.getByLabel('Webhook', { exact: true }).selectOption({ label: 'Payment Cancellation' });
      expect(await form.getByLabel('URL').inputValue()).toBe(`${platform.harness.receiver.url}/komet/payments`);
      expect(await form.getByRole('radio', { name: 'Bearer Token' }).isChecked()).toBe(true);
      // Saving without typing the token again keeps the saved one.
      await form.getByLabel('Error Notification').fill('finance@example.com, cfo@example.com');
      await form.getByRole('button', { name: 'Save' }).click();
      await pollUntil('the addresses are saved', async () => (await subscriptionOf('komet', 'payment-cancellation'))?.errorEmails.length === 2);
      expect(await subscriptionOf('komet', 'payment-cancellation')).toMatchObject({ auth: { type: 'bearer' } });
    });
  });

  describe('Komerce Webhook', () => {
    const region = () => card('Komerce Webhook');

    it('refuses a plain-http URL that is not allow-listed beside Webhook URL, registering nothing', async () => {
      const form = region();
      await form.getByLabel('Webhook URL').fill('http://komerce-receiver.example/hook');
      await form.getByRole('button', { name: 'Save' }).click();
      expect(await fieldError(form.getByLabel('Webhook URL'))).toContain('must use https');
      expect(await subscriptionOf('komerce', 'order-status')).toBeUndefined();
    });

    it('registers the URL as PUT /webhook does: the API sees that registration', async () => {
      const form = region();
      await form.getByLabel('Webhook URL').fill(`${platform.harness.receiver.url}/gone/komerce`);
      await form.getByLabel('Error Notification').fill('logistics@example.com');
      await form.getByRole('button', { name: 'Save' }).click();
      await form.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
      expect(await form.getByLabel('Signing secret', { exact: true }).inputValue()).toMatch(/^whsec_/);

      const saved = await subscriptionOf('komerce', 'order-status');
      expect(saved).toMatchObject({ url: `${platform.harness.receiver.url}/gone/komerce`, method: 'POST', errorEmails: ['logistics@example.com'], enabled: true });
      // Komerce's own call now replaces this registration rather than making a second one.
      const again = await platform.harness.client.put('/webhook', { url: saved.url });
      expect(again).toMatchObject({ status: 200, body: { id: saved.id } });
    });

    it('shows a webhook the platform disabled (410 Gone on the test event) with its reason, and re-enables it', async () => {
      const form = region();
      const { id, version } = await subscriptionOf('komerce', 'order-status');
      await deliveryServiceSees(platform, id, version);
      await form.getByRole('button', { name: 'Send test event' }).click();
      await form.getByRole('status').filter({ hasText: 'HTTP 410' }).waitFor();

      await form.getByRole('button', { name: 'Re-enable' }).waitFor();
      const disabled = await subscriptionOf('komerce', 'order-status');
      expect(disabled).toMatchObject({ enabled: false, status: 'disabled', disabledReason: expect.stringContaining('410') });
      expect(await form.getByText(disabled.disabledReason).isVisible()).toBe(true);
      expect(await seriousViolations(page)).toEqual([]);

      await form.getByRole('button', { name: 'Re-enable' }).click();
      await form.getByText('Active', { exact: true }).waitFor();
      const enabled = await subscriptionOf('komerce', 'order-status');
      expect(enabled).toMatchObject({ enabled: true, status: 'active' });
      expect(enabled.disabledReason).toBeUndefined();
    });
  });

  describe('SecuTix Firehose order', () => {
    const region = () => card('SecuTix Firehose order');

    it('refuses a malformed filter beside Filter, creating nothing', async () => {
      const form = region();
      expect(await form.getByLabel('Batch size').inputValue()).toBe('60');
      await form.getByLabel('Url').fill(`${platform.harness.receiver.url}/secutix/\${orderId}`);
      await form.getByLabel('HTTP method').selectOption('GET');
      await form.getByLabel('Filter').fill('OrderDetailsData.OperationDatas(*.ProductCode=XXXX');
      await form.getByRole('button', { name: 'Save' }).click();

      expect(await fieldError(form.getByLabel('Filter'))).toContain('invalid filter at position');
      expect(await seriousViolations(page)).toEqual([]);
      expect(await subscriptionOf('secutix', 'order-closed')).toBeUndefined();
    });

    it('creates the interface with GET, filter, granularity and a schedule, and its test event GETs the order id', async () => {
      const form = region();
      await form.getByLabel('Filter').fill('OrderDetailsData.OperationDatas(*).ProductCode=TEST;OrderDetailsData.OrderType=SALE');
      await form.getByLabel('Granularity').selectOption('MOVEMENTS');
      await form.getByLabel('Frequency (minutes)').fill('5');
      await form.getByRole('button', { name: 'Save' }).click();
      await form.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

      const saved = await subscriptionOf('secutix', 'order-closed');
      expect(saved).toMatchObject({
        url: `${platform.harness.receiver.url}/secutix/\${orderId}`,
        method: 'GET',
        enabled: true,
        settings: { filter: 'OrderDetailsData.OperationDatas(*).ProductCode=TEST;OrderDetailsData.OrderType=SALE', granularity: 'MOVEMENTS', frequencyMinutes: 5, batchSize: 60 },
      });
      await deliveryServiceSees(platform, saved.id);
      await form.getByRole('button', { name: 'Send test event' }).click();
      const request = await received('/secutix/1');
      expect(request.method).toBe('GET');
      await form.getByRole('status').filter({ hasText: 'Test event delivered' }).waitFor();
    });

    it('a payload needs POST: switching to POST with a JSON payload saves it', async () => {
      const form = region();
      expect(await form.getByLabel('Payload').isDisabled()).toBe(true);
      await form.getByLabel('HTTP method').selectOption('POST');
      await form.getByLabel('Payload').fill('{"orderId": ${orderId}');
      await form.getByRole('button', { name: 'Save' }).click();
      expect(await fieldError(form.getByLabel('Payload'))).toContain('must be valid JSON');

      await form.getByLabel('Payload').fill('{"orderId": ${orderId}}');
      await form.getByRole('button', { name: 'Save' }).click();
      await pollUntil('the payload is saved', async () => (await subscriptionOf('secutix', 'order-closed'))?.method === 'POST');
      expect((await subscriptionOf('secutix', 'order-closed')).settings).toMatchObject({ payloadTemplate: '{"orderId": ${orderId}}', granularity: 'MOVEMENTS' });
      await screenshot(page, 'integrations');
      expect(pageErrors).toEqual([]);
    });

    it('deletes the interface after asking', async () => {
      const form = region();
      const { id } = await subscriptionOf('secutix', 'order-closed');
      await form.getByRole('button', { name: 'Delete' }).click();
      const dialog = page.getByRole('dialog', { name: 'Delete the Firehose order interface?' });
      expect(await seriousViolations(page)).toEqual([]);
      await dialog.getByRole('button', { name: 'Delete' }).click();
      await form.getByRole('button', { name: 'Rotate secret' }).waitFor({ state: 'detached' });
      expect(await dialog.count()).toBe(0);
      // The form empties once the list without it has been refetched.
      await pollUntil('the form is empty again', async () => (await form.getByLabel('Url').inputValue()) === '');
      expect(await form.getByLabel('Batch size').inputValue()).toBe('60');
      expect((await platform.harness.client.get(`/v1/subscriptions/${id}`)).status).toBe(404);
    });
  });
});

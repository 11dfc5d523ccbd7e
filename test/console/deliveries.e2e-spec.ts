import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { deliveryId } from '@hookbus/contracts';
import { pollUntil } from '@hookbus/testing';
import { launchChromium, openConsole, screenshot, seriousViolations, signIn } from '../support/console-browser';
import { ConsolePlatform } from '../support/console-platform';
import { tabTo, tenantKey } from '../support/console-tenant';

// A platform of four processes and a browser, started once for the file.
jest.setTimeout(90_000);

// Komet's answer body: status "0" is an error the salespeople see, "1" success (seed 000).
const REJECTED = { status: 200, body: '{"status":"0","message":"Customer 42 is blocked in the ERP"}' };
const ACCEPTED = { status: 200, body: '{"status":"1","message":"Order reconfirmed in the ERP"}' };

/** `datetime-local` text for an instant, in this machine's zone (the browser's too). */
const localInput = (time: number) => {
  const date = new Date(time);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
};

describe('console: the delivery log, a delivery, Reconfirm/Retry and recover (Chromium, real platform)', () => {
  let platform: ConsolePlatform;
  let browser: Browser;
  let adminKey: string;

  beforeAll(async () => {
    [platform, browser] = await Promise.all([ConsolePlatform.start('console-deliveries'), launchChromium()]);
    adminKey = await tenantKey(platform);
  });
  afterEach(() => platform.harness.unsubscribeAll());
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  const signedIn = async () => {
    const opened = await openConsole(browser, platform.configUrl);
    await signIn(opened.page, adminKey);
    return opened;
  };
  const deliveryWithStatus = (id: string, status: string) =>
    pollUntil(`delivery ${id} is ${status}`, async () => {
      const { body } = await platform.harness.client.get(`/v1/deliveries/${id}`);
      return body?.status === status && body;
    });
  /** Publishes an event and waits until its delivery to `subscriptionId` has `status`. */
  const delivered = async (subscriptionId: string, status: string, type: string, data: unknown, subject: string) => {
    const event = await platform.harness.publishEvent(type, data, { subject });
    return deliveryWithStatus(deliveryId(event.id, subscriptionId), status);
  };
  /** The delivery links of the log's result list, once they are `expected`. */
  const listedSubjects = (page: Page, expected: string[]) =>
    pollUntil(`the log lists ${expected.join(', ') || 'nothing'}`, async () => {
      const links = await page.getByRole('region', { name: /deliveries$/ }).getByRole('link').allTextContents();
      return links.join() === expected.join() && links;
    });

  it('a failed Komet order confirmation: the error e-mail links to it, the page shows the vendor message, and Reconfirm (by keyboard) delivers it with the same webhook-id', async () => {
    const receiver = await platform.harness.useNewReceiver();
    receiver.answer(REJECTED);
    const sub = await platform.harness.subscribe({
      plugin: 'komet',
      hook: 'order-confirmation',
      url: `${receiver.url}/orders`,
      errorEmails: ['sales@example.com'],
      retryPolicy: { delaysSeconds: [1] },
    });
    const event = await platform.harness.publishEvent('order.confirmed', { companyId: 6316, orderId: 6908 }, { subject: 'order-6908' });
    const id = deliveryId(event.id, sub.id);

    const [mail] = await platform.sink.waitFor(1, (candidate) => candidate.envelope.to.includes('sales@example.com'));
    const link = `${mail.text} ${mail.html}`.match(/https?:\/\/[^\s"<>]+\/console\/deliveries\/[\w%-]+/)?.[0];
    expect(link).toBe(`${platform.configUrl}/console/deliveries/${id}`);

    const { context, page, pageErrors } = await signedIn();
    await page.goto(link ?? '');
    const summary = page.getByRole('article', { name: 'Summary' });
    await summary.getByRole('row', { name: 'Status failed' }).waitFor();
    await summary.getByRole('row', { name: 'Vendor message Customer 42 is blocked in the ERP' }).waitFor();
    expect(await summary.getByRole('row', { name: /^Subject/ }).textContent()).toBe('Subjectorder-6908');
    expect(await summary.getByRole('row', { name: /^Event id/ }).textContent()).toBe(`Event id${event.id}`);
    const first = page.getByRole('article', { name: 'Attempt 1: failed' });
    expect(await first.getByText(`POST ${receiver.url}/orders`).isVisible()).toBe(true);
    expect(await first.getByText(REJECTED.body).isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'delivery');

    // The ERP is fixed; the salesperson reconfirms the order, with the keyboard alone.
    receiver.answer(ACCEPTED);
    await tabTo(page, page.getByRole('button', { name: 'Reconfirm' }));
    await page.keyboard.press('Enter');
    await summary.getByRole('row', { name: 'Status delivered' }).waitFor();
    await page.getByRole('article', { name: 'Attempt 2: delivered' }).waitFor();
    await summary.getByRole('row', { name: 'Vendor message Order reconfirmed in the ERP' }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'Sent again' }).textContent()).toBe('Sent again as attempt 2, with the same webhook-id.');
    // Delivered: nothing left to reconfirm.
    expect(await page.getByRole('button', { name: 'Reconfirm' }).count()).toBe(0);

    const requests = receiver.at('/orders');
    expect(requests).toHaveLength(2);
    expect(requests.map((request) => request.headers['webhook-id'])).toEqual([id, id]);
    expect(requests[1].body).toBe(requests[0].body);
    expect((await platform.harness.client.get(`/v1/deliveries/${id}`)).body).toMatchObject({ status: 'delivered', attemptCount: 2 });
    expect(await seriousViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('filters (status and subject by keyboard, subscription, time window) narrow the log, the URL carries them, and Load more pages on; no chart code is loaded', async () => {
    const run = randomUUID().slice(0, 6);
    const receiver = await platform.harness.useNewReceiver();
    const sub = await platform.harness.subscribe({ plugin: 'komet', hook: 'order-confirmation', url: `${receiver.url}/filters` });
    const subjects = [1, 2, 3].map((n) => `order-${run}-${n}`);
    receiver.answer(REJECTED);
    await delivered(sub.id, 'failed', 'order.confirmed', { companyId: 6316, orderId: 1 }, subjects[0]);
    receiver.answer(ACCEPTED);
    await delivered(sub.id, 'delivered', 'order.confirmed', { companyId: 6316, orderId: 2 }, subjects[1]);
    receiver.answer(REJECTED);
    await delivered(sub.id, 'failed', 'order.confirmed', { companyId: 6316, orderId: 3 }, subjects[2]);

    const { context, page, pageErrors } = await signedIn();
    const scripts: string[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('.js')) response.text().then((text) => scripts.push(text), () => undefined);
    });
    await page.goto('/console/deliveries');
    await page.getByRole('heading', { name: 'All deliveries' }).waitFor();

    // Status and subject, by keyboard alone: the select takes the typed word, Enter submits.
    await tabTo(page, page.getByRole('form', { name: 'Filter deliveries' }).getByLabel('Status'));
    await page.keyboard.type('failed');
    await tabTo(page, page.getByRole('form', { name: 'Filter deliveries' }).getByLabel('Subject'));
    await page.keyboard.type(subjects[0]);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('status') === 'failed' && url.searchParams.get('subject') === subjects[0]);
    await listedSubjects(page, [subjects[0]]);
    expect((await platform.harness.client.get(`/v1/deliveries?status=failed&subject=${subjects[0]}`)).body.items.map((item: { subject: string }) => item.subject)).toEqual([subjects[0]]);
    await page.getByRole('link', { name: subjects[0] }).click();
    await page.getByRole('article', { name: 'Summary' }).getByRole('row', { name: 'Status failed' }).waitFor();
    await page.goBack();
    await listedSubjects(page, [subjects[0]]);

    // A filtered view is a link: opened afresh, it shows the filter in the form and the matches.
    await page.goto(`/console/deliveries?subscriptionId=${sub.id}&status=failed`);
    const form = page.getByRole('form', { name: 'Filter deliveries' });
    await listedSubjects(page, [subjects[2], subjects[0]]);
    expect(await form.getByLabel('Status').inputValue()).toBe('failed');
    expect(await form.getByLabel('Subscription').inputValue()).toBe(sub.id);
    expect(await seriousViolations(page)).toEqual([]);

    // A window of first attempts: one that starts later holds nothing, one around them all three.
    await form.getByLabel('Status').selectOption('');
    await form.getByLabel('From').fill(localInput(Date.now() + 5 * 60_000));
    await form.getByRole('button', { name: 'Filter' }).click();
    await page.getByText('No delivery matches.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    const since = new URL(page.url()).searchParams.get('since');
    expect(since).toEqual(expect.any(String));
    expect((await platform.harness.client.get(`/v1/deliveries?subscriptionId=${sub.id}&since=${encodeURIComponent(since ?? '')}`)).body.items).toEqual([]);
    await form.getByLabel('From').fill(localInput(Date.now() - 10 * 60_000));
    await form.getByLabel('Until').fill(localInput(Date.now() + 5 * 60_000));
    await form.getByRole('button', { name: 'Filter' }).click();
    await listedSubjects(page, [subjects[2], subjects[1], subjects[0]]);
    const url = new URL(page.url());
    expect([...url.searchParams.keys()].sort()).toEqual(['since', 'subscriptionId', 'until']);
    await screenshot(page, 'deliveries');

    // Clear drops every filter.
    await form.getByRole('link', { name: 'Clear' }).click();
    await page.getByRole('heading', { name: 'All deliveries' }).waitFor();
    expect(new URL(page.url()).search).toBe('');

    // More than a page (50): Load more brings the rest, newest first, then goes away.
    const paged = await platform.harness.subscribe({ plugin: 'komet', hook: 'order-cancellation', url: `${receiver.url}/paged` });
    receiver.answer(ACCEPTED);
    for (let n = 1; n <= 51; n += 1) await platform.harness.publishEvent('order.cancelled', { companyId: 6316, orderId: n }, { subject: `cancel-${run}-${String(n).padStart(2, '0')}` });
    await pollUntil('51 cancellations delivered', async () => {
      const { body } = await platform.harness.client.get(`/v1/deliveries?subscriptionId=${paged.id}&status=delivered&limit=100`);
      return body.items.length === 51;
    });
    await page.goto(`/console/deliveries?subscriptionId=${paged.id}`);
    const results = page.getByRole('region', { name: 'Matching deliveries' });
    await pollUntil('the first page of 50', async () => (await results.getByRole('link').count()) === 50);
    await results.getByRole('button', { name: 'Load more' }).click();
    await pollUntil('all 51', async () => (await results.getByRole('link').count()) === 51);
    expect(await results.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    const listed = await results.getByRole('link').allTextContents();
    expect(new Set(listed).size).toBe(51);

    // Recharts comes with the Overview page only.
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((text) => text.includes('recharts-wrapper'))).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('a postback event outside the four shows Retry disabled with the reason tied to it; one of the four is retried', async () => {
    const receiver = await platform.harness.useNewReceiver();
    receiver.answer({ status: 400, body: 'bad contact' });
    const contacts = await platform.harness.subscribe({ plugin: 'postback', hook: 'contact.created', url: `${receiver.url}/contacts` });
    const declines = await platform.harness.subscribe({ plugin: 'postback', hook: 'transaction.declined', url: `${receiver.url}/declines` });
    const contact = await delivered(contacts.id, 'failed', 'contact.created', { contactId: 'c-1' }, 'contact-1');
    const declined = await delivered(declines.id, 'failed', 'transaction.declined', { transactionId: 't-1' }, 'transaction-1');

    const { context, page, pageErrors } = await signedIn();
    await page.goto(`/console/deliveries/${contact.id}`);
    const retry = page.getByRole('button', { name: 'Retry' });
    await retry.waitFor();
    expect(await retry.isDisabled()).toBe(true);
    const reason = 'Retry is not possible: postback allows manual retry only for order.completed, transaction.approved, transaction.declined, refund.applied, not contact.created.';
    expect(await page.getByText(reason).isVisible()).toBe(true);
    const describedBy = await retry.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe(reason);
    expect(await seriousViolations(page)).toEqual([]);

    receiver.answer({ status: 200 });
    await page.goto(`/console/deliveries/${declined.id}`);
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('article', { name: 'Summary' }).getByRole('row', { name: 'Status delivered' }).waitFor();
    await deliveryWithStatus(declined.id, 'delivered');
    expect(receiver.at('/declines').map((request) => request.headers['webhook-id'])).toEqual([declined.id, declined.id]);
    expect(receiver.at('/contacts')).toHaveLength(1);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('recover, after a confirmation, sends the failed deliveries of the window again and says how many', async () => {
    const receiver = await platform.harness.useNewReceiver();
    receiver.answer(REJECTED);
    const sub = await platform.harness.subscribe({ plugin: 'komet', hook: 'payment-cancellation', url: `${receiver.url}/payments` });
    const payment = (paymentId: number) => ({ companyId: 6316, paymentId, paymentNumber: String(paymentId) });
    const failed = [
      await delivered(sub.id, 'failed', 'payment.cancelled', payment(1), 'payment-1'),
      await delivered(sub.id, 'failed', 'payment.cancelled', payment(2), 'payment-2'),
    ];
    receiver.answer(ACCEPTED);

    const { context, page, pageErrors } = await signedIn();
    await page.goto(`/console/deliveries?subscriptionId=${sub.id}&status=failed`);
    await listedSubjects(page, ['payment-2', 'payment-1']);
    const recover = page.getByRole('article', { name: 'Recover failed deliveries' });
    // The window starts as the last 24 hours, for the subscription the log is filtered by.
    expect(await recover.getByLabel('Subscription').inputValue()).toBe(sub.id);
    await recover.getByRole('button', { name: 'Recover…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Recover failed deliveries?' });
    await dialog.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // Cancel sends nothing.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await dialog.count()).toBe(0);
    await recover.getByRole('button', { name: 'Recover…' }).click();
    await dialog.getByRole('button', { name: 'Recover', exact: true }).click();
    await recover.getByRole('status').getByText('Recovered 2 deliveries.').waitFor();

    for (const { id } of failed) await deliveryWithStatus(id, 'delivered');
    const requests = receiver.at('/payments');
    expect(requests).toHaveLength(4);
    expect(requests.map((request) => request.headers['webhook-id']).sort()).toEqual([failed[0].id, failed[0].id, failed[1].id, failed[1].id].sort());
    // The log follows without a reload: nothing failed is left in it.
    await page.getByText('No delivery matches.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});

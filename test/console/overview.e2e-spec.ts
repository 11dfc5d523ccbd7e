import type { Browser, Locator } from 'playwright-core';
import { deliveryId } from '@hookbus/contracts';
import { pollUntil } from '@hookbus/testing';
import { launchChromium, openConsole, screenshot, seriousViolations, signIn } from '../support/console-browser';
import { ConsolePlatform } from '../support/console-platform';
import { tabTo, tenantKey } from '../support/console-tenant';

jest.setTimeout(90_000);

const STATUSES = ['delivered', 'pending', 'retrying', 'failed', 'abandoned', 'cancelled'] as const;
type Bucket = { start: string } & Record<(typeof STATUSES)[number], number>;

/** A bucket as the page's table shows it: its start, then each status's count and the total. */
const row = (bucket: Bucket) => [bucket.start, ...STATUSES.map((status) => String(bucket[status])), String(STATUSES.reduce((sum, status) => sum + bucket[status], 0))];

/** The rows of a chart's "Numbers" table that count something, opened as a reader opens it. */
async function numbersOf(chart: Locator): Promise<string[][]> {
  const details = chart.getByRole('group');
  if ((await details.getAttribute('open')) === null) await chart.getByText('Numbers', { exact: true }).click();
  const rows = await chart.getByRole('table').getByRole('row').all();
  const read = await Promise.all(
    rows.slice(1).map(async (tableRow) => [(await tableRow.locator('time').getAttribute('datetime')) ?? '', ...(await tableRow.getByRole('cell').allTextContents())]),
  );
  return read.filter((cells) => cells[cells.length - 1] !== '0');
}

describe('console: Overview charts and the subscriptions failing most (Chromium, real platform)', () => {
  let platform: ConsolePlatform;
  let browser: Browser;
  let adminKey: string;
  let orders: { id: string };
  let declines: { id: string };
  let ordersUrl: string;

  const stats = async (query: string): Promise<string[][]> => {
    const { body } = await platform.harness.client.get(`/v1/stats/deliveries?${query}`);
    return (body.buckets as Bucket[]).map(row).filter((cells) => cells[cells.length - 1] !== '0');
  };

  beforeAll(async () => {
    [platform, browser] = await Promise.all([ConsolePlatform.start('console-overview'), launchChromium()]);
    adminKey = await tenantKey(platform);

    // Orders: 3 delivered, 2 refused by the ERP; declines: 1 refused. All final at once (no retry).
    const { receiver } = platform.harness;
    let order = 0;
    receiver.answer((request) =>
      request.url.startsWith('/declines')
        ? { status: 400 }
        : { status: 200, body: ++order % 2 === 0 ? '{"status":"0","message":"blocked"}' : '{"status":"1"}' },
    );
    ordersUrl = `${receiver.url}/orders`;
    orders = await platform.harness.subscribe({ plugin: 'komet', hook: 'order-confirmation', url: ordersUrl });
    declines = await platform.harness.subscribe({ plugin: 'postback', hook: 'transaction.declined', url: `${receiver.url}/declines` });
    const ids: string[] = [];
    for (let orderId = 1; orderId <= 5; orderId += 1) {
      const event = await platform.harness.publishEvent('order.confirmed', { companyId: 6316, orderId });
      ids.push(deliveryId(event.id, orders.id));
    }
    const declined = await platform.harness.publishEvent('transaction.declined', { transactionId: 't-1' });
    ids.push(deliveryId(declined.id, declines.id));
    await pollUntil('every delivery has ended', async () => {
      const statuses = await Promise.all(ids.map(async (id) => (await platform.harness.client.get(`/v1/deliveries/${id}`)).body?.status));
      return statuses.every((status) => status === 'delivered' || status === 'failed');
    });
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('shows deliveries per hour and per day by status, the numbers those of /v1/stats/deliveries, overall and for a subscription picked by keyboard', async () => {
    const { context, page, pageErrors } = await openConsole(browser, platform.configUrl);
    const scripts: string[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('.js')) response.text().then((text) => scripts.push(text), () => undefined);
    });
    await signIn(page, adminKey);
    await page.goto('/console/overview');

    const hourly = page.getByRole('article', { name: 'Deliveries per hour, last 24 hours' });
    const daily = page.getByRole('article', { name: 'Deliveries per day, last 7 days' });
    await hourly.getByText('6 deliveries: 3 delivered, 3 failed.').waitFor();
    await daily.getByText('6 deliveries: 3 delivered, 3 failed.').waitFor();
    // The chart is drawn (an image to assistive technology, named by its totals).
    await hourly.getByRole('img', { name: 'Deliveries per hour, last 24 hours: 6 deliveries: 3 delivered, 3 failed.' }).waitFor();
    expect(scripts.some((text) => text.includes('recharts-wrapper'))).toBe(true);

    expect(await numbersOf(hourly)).toEqual(await stats('bucket=hour'));
    expect(await numbersOf(daily)).toEqual(await stats('bucket=day'));
    expect((await numbersOf(hourly)).length).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'overview');

    // One subscription, chosen with the keyboard: the select takes the typed word.
    await tabTo(page, page.getByLabel('Subscription', { exact: true }));
    await page.keyboard.type('komet');
    await page.waitForURL((url) => url.searchParams.get('subscriptionId') === orders.id);
    const ordersHourly = page.getByRole('article', { name: `Deliveries per hour, last 24 hours — komet order-confirmation → ${ordersUrl}` });
    await ordersHourly.getByText('5 deliveries: 3 delivered, 2 failed.').waitFor();
    expect(await numbersOf(ordersHourly)).toEqual(await stats(`bucket=hour&subscriptionId=${orders.id}`));
    const ordersDaily = page.getByRole('article', { name: /^Deliveries per day, last 7 days — komet/ });
    expect(await numbersOf(ordersDaily)).toEqual(await stats(`bucket=day&subscriptionId=${orders.id}`));
    expect(await seriousViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('lists the subscriptions failing most as /v1/stats/failing-subscriptions does, each linking to its deliveries', async () => {
    const { context, page, pageErrors } = await openConsole(browser, platform.configUrl);
    await signIn(page, adminKey);
    await page.goto('/console/overview');
    const failing = page.getByRole('article', { name: 'Subscriptions failing most, last 24 hours' });
    await failing.getByRole('table').waitFor();

    const { body } = await platform.harness.client.get('/v1/stats/failing-subscriptions?limit=5');
    expect(body.items.map((item: { subscriptionId: string; failed: number; total: number }) => [item.subscriptionId, item.failed, item.total])).toEqual([
      [orders.id, 2, 5],
      [declines.id, 1, 1],
    ]);
    const rows = await failing.getByRole('row').all();
    expect(await Promise.all(rows.slice(1).map((tableRow) => tableRow.textContent()))).toEqual([
      `komet order-confirmation → ${ordersUrl}25`,
      `postback transaction.declined → ${platform.harness.receiver.url}/declines11`,
    ]);

    await failing.getByRole('link', { name: /^postback transaction\.declined/ }).click();
    await page.waitForURL((url) => url.pathname === '/console/deliveries' && url.searchParams.get('subscriptionId') === declines.id);
    await page.getByRole('region', { name: 'Matching deliveries' }).getByRole('row', { name: /failed/ }).waitFor();
    expect(await page.getByRole('region', { name: 'Matching deliveries' }).getByRole('link').count()).toBe(1);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});

import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';

const root = path.resolve(__dirname, '../..');
/** Debian's `chromium` package (`.ci/run` installs it); no browser is downloaded. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Chromium, headless. The sandbox needs user namespaces that CI's root user does not get. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH`);
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

/**
 * A fresh browser profile (no cookies) on config-service's origin. Content-Security-Policy
 * violations and uncaught page errors are collected, so a test can assert the console caused none.
 */
export async function openConsole(browser: Browser, configUrl: string): Promise<{ context: BrowserContext; page: Page; pageErrors: string[] }> {
  const context = await browser.newContext({ baseURL: configUrl });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text())) pageErrors.push(message.text());
  });
  return { context, page, pageErrors };
}

/** Signs in through the sign-in page, as a person does, and waits for the signed-in navigation. */
export async function signIn(page: Page, keyOrOperatorToken: string): Promise<void> {
  await page.goto('/console/sign-in');
  await page.getByLabel('API key or operator token').fill(keyOrOperatorToken);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** The serious and critical axe-core violations of the page as it is now (WCAG 2.1 A and AA rules). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

/**
 * A screenshot of the page (or of one part of it, such as a card) for docs/console/, written when
 * HOOKBUS_SCREENSHOTS=1 (`npm run console:screenshots`), so ordinary test runs leave the working tree alone.
 */
export async function screenshot(target: Page | Locator, name: string): Promise<void> {
  if (process.env.HOOKBUS_SCREENSHOTS !== '1') return;
  const dir = path.join(root, 'docs', 'console');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  if ('goto' in target) return void (await target.screenshot({ path: file, fullPage: true }));
  // A dialog is only as tall as the window: a tall window shows all of it.
  const page = target.page();
  const size = page.viewportSize() ?? { width: 1280, height: 720 };
  await page.setViewportSize({ width: size.width, height: 2400 });
  await target.screenshot({ path: file });
  await page.setViewportSize(size);
}

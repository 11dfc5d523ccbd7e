// Chromium through playwright-core (Debian's package; nothing downloaded), signed in as a person is:
// through POST /v1/sessions, which sets the HttpOnly session cookie in the browser context.
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const launchChromium = () => chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });

/** A fresh context (empty cache, no cookies) on `baseURL`, signed in with `key`. */
export async function signedInContext(browser, baseURL, key) {
  const context = await browser.newContext({ baseURL });
  const response = await context.request.post('/v1/sessions', { data: { key }, headers: { 'x-hookbus-csrf': '1' } });
  if (!response.ok()) throw new Error(`signing in answered ${response.status()}: ${await response.text()}`);
  return context;
}

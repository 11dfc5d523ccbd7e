// Budget 1: the JavaScript a tenant admin's first visit to /console/ downloads, gzipped, up to the
// landing page. config-service serves the files uncompressed, so each script the page requested is
// gzipped here (level 6, what Express's compression and most CDNs use): what a gzip proxy would send.
import { gzipSync } from 'node:zlib';
import { signedInContext } from './browser.mjs';

export async function measureFirstLoad(browser, configUrl, key) {
  const context = await signedInContext(browser, configUrl, key);
  const page = await context.newPage();
  const scripts = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.endsWith('.js')) scripts.push(response);
  });
  await page.goto('/console/');
  await page.waitForLoadState('networkidle');
  await page.locator('main h1').first().waitFor();
  const files = [];
  for (const response of scripts) {
    const body = await response.body();
    files.push({ path: new URL(response.url()).pathname, bytes: body.length, gzipBytes: gzipSync(body, { level: 6 }).length });
  }
  const landing = new URL(page.url()).pathname;
  await context.close();
  return {
    landing,
    files,
    bytes: files.reduce((sum, file) => sum + file.bytes, 0),
    gzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0),
  };
}

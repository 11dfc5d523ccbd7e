import { pollUntil } from '@hookbus/testing';
import type { Browser, Page } from 'playwright-core';
import { ApiClient } from './config-service';
import { openConsole, signIn } from './console-browser';
import type { ConsolePlatform } from './console-platform';
import { OPERATOR_TOKEN } from './service-process';

/** A new API key with `roles` for the platform's tenant (the harness keeps its own key to itself). */
export async function tenantKey(platform: ConsolePlatform, roles: string[] = ['admin']): Promise<string> {
  const created = await new ApiClient(platform.configUrl, OPERATOR_TOKEN).post(`/v1/tenants/${platform.harness.tenantId}/api-keys`, { roles });
  if (created.status !== 201) throw new Error(`creating a key answered ${created.status}: ${JSON.stringify(created.body)}`);
  return created.body.key as string;
}

/** A fresh browser profile signed in with `key`, on `path` of the console, allowed to use the clipboard. */
export async function signedIn(browser: Browser, platform: ConsolePlatform, key: string, path: string) {
  const opened = await openConsole(browser, platform.configUrl);
  await opened.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: platform.configUrl });
  await signIn(opened.page, key);
  await opened.page.goto(`/console${path}`);
  return opened;
}

/** Resolves once delivery-service routes to subscription `id` at `version` or later (so a test event uses it). */
export async function deliveryServiceSees(platform: ConsolePlatform, id: string, version = 1): Promise<void> {
  await pollUntil(`delivery-service has subscription ${id} at version ${version}`, async () => {
    const view = (await (await platform.harness.delivery.asOperator('/v1/subscription-view')).json()) as { items: { id: string; version: number }[] };
    return view.items.some((item) => item.id === id && item.version >= version);
  });
}

/** Presses Tab until `target` has the focus, as a keyboard user gets there. */
export async function tabTo(page: Page, target: ReturnType<Page['locator']>, maxPresses = 80): Promise<void> {
  for (let presses = 0; presses < maxPresses; presses += 1) {
    if (await target.evaluate((element) => element === element.ownerDocument.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${maxPresses} presses of Tab did not reach ${target.toString()}`);
}

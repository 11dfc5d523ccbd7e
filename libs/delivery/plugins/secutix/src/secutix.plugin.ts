import type { ValidationIssue } from '@hookbus/contracts';
import { issue, parseUrl, routedHooks, type DeliveryPluginDefinition, type Subscription } from '@hookbus/delivery-sdk';
import { findBadPlaceholder, hasOrderIdPlaceholder, ORDER_ID_PLACEHOLDER, substituteOrderId } from './order-id-placeholder';
import { SECUTIX_SCHEDULE, secutixSettingsSchema, type SecutixSettings } from './secutix-settings.schema';

/** An order that keeps failing rides along with the next scheduled runs this many times, then is abandoned. */
export const SECUTIX_MAX_RESENDS = 12;

/** SecuTix order webhook V1: the closed order's id, in the URL or a POSTed JSON payload. */
export const secutixPlugin: DeliveryPluginDefinition<typeof secutixSettingsSchema> = {
  vendor: 'secutix',
  title: 'SecuTix order webhook V1',
  hooks: routedHooks('secutix'),
  methods: ['GET', 'POST'],
  // POST accepts every configuration GET does, plus a payload template, so it is the safe default.
  defaultMethod: 'POST',
  // SecuTix defines no authentication (the Standard Webhooks signature still applies).
  authTypes: ['none'],
  settingsSchema: secutixSettingsSchema,
  // Re-sends are paced by the schedule: each delay is the least wait before the order joins a later
  // run, so 60 s means "the next run" at any frequency, 12 times over.
  retry: { delaysSeconds: Array<number>(SECUTIX_MAX_RESENDS).fill(60) },
  schedule: SECUTIX_SCHEDULE,
  check: checkPlaceholders,
};

function checkPlaceholders({ url, method, settings }: Subscription<SecutixSettings>): ValidationIssue[] {
  const bad = findBadPlaceholder(url, { strayBraces: true });
  if (bad) return [issue('url', 'invalid_placeholder', bad)];
  // Two different ids must land on the same origin: the id belongs in the path or the query.
  const [one, two] = [parseUrl(substituteOrderId(url, 1)), parseUrl(substituteOrderId(url, 2))];
  if (!one || !two || one.origin !== two.origin) {
    return [issue('url', 'placeholder_position', `${ORDER_ID_PLACEHOLDER} may only appear in the path or the query`)];
  }
  if (method === 'GET') {
    const issues: ValidationIssue[] = [];
    if (!hasOrderIdPlaceholder(url)) issues.push(issue('url', 'placeholder_required', `GET needs ${ORDER_ID_PLACEHOLDER} in the URL`));
    if (settings.payloadTemplate !== undefined) {
      issues.push(issue('settings.payloadTemplate', 'payload_requires_post', 'a payload template needs method POST'));
    }
    return issues;
  }
  // Without the id anywhere the receiver could not tell which order closed.
  if (!hasOrderIdPlaceholder(url) && !hasOrderIdPlaceholder(settings.payloadTemplate ?? '')) {
    const message = `put ${ORDER_ID_PLACEHOLDER} in the URL or in settings.payloadTemplate`;
    return [issue('url', 'placeholder_required', message)];
  }
  return [];
}

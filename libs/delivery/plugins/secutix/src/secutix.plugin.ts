import { type HookbusEvent, issue, type ValidationIssue } from '@hookbus/contracts';
import {
  DEFAULT_DELIVERY_TIMEOUT_MS,
  defaultClassify,
  parseUrl,
  type Classification,
  type ClassifyContext,
  type DeliverablePlugin,
  type DeliveryOutcome,
  type Subscription,
} from '@hookbus/delivery-sdk';
import { findBadPlaceholder, hasOrderIdPlaceholder, ORDER_ID_PLACEHOLDER, substituteOrderId } from './order-id-placeholder';
import { matchesFilter } from './secutix-filter.matcher';
import { parseFilter } from './secutix-filter.parser';
import { renderSecutix } from './secutix-request';
import { SECUTIX_SCHEDULE, secutixSettingsSchema, type SecutixSettings } from './secutix-settings.schema';

/** An order that keeps failing rides along with the next scheduled runs this many times, then is abandoned. */
export const SECUTIX_MAX_RESENDS = 12;

/** SecuTix order webhook V1: the closed order's id, in the URL or a POSTed JSON payload. */
export const secutixPlugin: DeliverablePlugin<typeof secutixSettingsSchema> = {
  vendor: 'secutix',
  title: 'SecuTix order webhook V1',
  hooks: [{ name: 'order-closed', eventTypes: ['order.closed'], subjectLabel: 'Order' }],
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
  timeoutMs: DEFAULT_DELIVERY_TIMEOUT_MS,
  matches: matchesSecutixFilter,
  render: renderSecutix,
  classify: classifySecutix,
};

/** No filter: every closed order. A stored filter that no longer parses delivers nothing rather than everything. */
export function matchesSecutixFilter(event: HookbusEvent, { settings }: Subscription<SecutixSettings>): boolean {
  if (settings.filter === undefined) return true;
  const parsed = parseFilter(settings.filter);
  return parsed.ok && matchesFilter(parsed.filter, event.data);
}

/**
 * SecuTix re-sends a failed order at the next runs: any answer other than 2xx is retried, not
 * only 408, 429 and 5xx (until the 12 re-sends run out and the order is abandoned). 410 Gone and
 * a destination refused by the egress policy still fail at once.
 */
export function classifySecutix(outcome: DeliveryOutcome, context?: Pick<ClassifyContext, 'now'>): Classification {
  const verdict = defaultClassify(outcome, context);
  if (verdict.result !== 'failed' || outcome.kind === 'error' || outcome.status === 410) return verdict;
  return { result: 'retry', reason: `${verdict.reason}: re-sent at the next run` };
}

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

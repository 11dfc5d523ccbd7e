import type { DeliveryDetail, DeliverySummary, Page, Subscription } from './api-views';

/** Columns padded to their widest cell, two spaces apart. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  return [header, ...rows].map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()).join('\n');
}

// Where a list stops, the option that fetches the rest.
const more = (page: Page<unknown>) => (page.next ? `\nmore: --cursor ${page.next}` : '');

export function deliveriesTable(page: Page<DeliverySummary>): string {
  if (page.items.length === 0) return 'no deliveries';
  const rows = page.items.map((d) => [d.id, d.status, String(d.attemptCount), `${d.plugin}/${d.hook}`, d.subject ?? '-', d.eventId, d.updatedAt]);
  return table(['ID', 'STATUS', 'ATTEMPTS', 'PLUGIN/HOOK', 'SUBJECT', 'EVENT', 'UPDATED'], rows) + more(page);
}

export function deliveryDetail(delivery: DeliveryDetail): string {
  const facts: [string, string | undefined][] = [
    ['delivery', delivery.id],
    ['status', delivery.status + (delivery.dueAt ? ` (next attempt due ${delivery.dueAt})` : '')],
    ['event', delivery.eventId],
    ['subject', delivery.subject],
    ['subscription', `${delivery.subscriptionId} (${delivery.plugin}/${delivery.hook})`],
    ['vendor message', delivery.vendorMessage],
    ['retry', delivery.retry.allowed ? 'allowed' : `not allowed: ${delivery.retry.reason}`],
  ];
  const attempts = delivery.attempts.map((a) => [String(a.n), a.at, a.outcome, a.response ? String(a.response.status) : '-', `${a.durationMs} ms`, `${a.request.method} ${a.request.url}`, a.error ?? '']);
  return [
    ...facts.filter((fact): fact is [string, string] => fact[1] !== undefined).map(([name, value]) => `${`${name}:`.padEnd(14)}${value}`),
    '',
    table(['#', 'AT', 'OUTCOME', 'HTTP', 'TOOK', 'REQUEST', 'ERROR'], attempts),
  ].join('\n');
}

export function subscriptionsTable(page: Page<Subscription>): string {
  if (page.items.length === 0) return 'no subscriptions';
  const rows = page.items.map((s) => [s.id, `${s.plugin}/${s.hook}`, s.enabled ? 'yes' : 'no', s.status + (s.disabledReason ? ` (${s.disabledReason})` : ''), `${s.method} ${s.url}`]);
  return table(['ID', 'PLUGIN/HOOK', 'ENABLED', 'STATUS', 'ENDPOINT'], rows) + more(page);
}

/** `retried 3`, then a line per reason deliveries were left alone: `skipped 2: its subscription is disabled; …`. */
export function recoverSummary({ retried, skipped }: { retried: number; skipped: Readonly<Record<string, number>> }): string {
  return [`retried ${retried}`, ...Object.entries(skipped).map(([reason, count]) => `skipped ${count}: ${reason}`)].join('\n');
}

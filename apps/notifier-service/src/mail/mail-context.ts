import type { NotificationRecordV1 } from '@hookbus/contracts';
import type { DueDigest } from '../storm/digest-ledger';

type VendorWords = Pick<NotificationRecordV1, 'plugin' | 'vendorTitle' | 'subjectLabel'>;

// The record carries the plugin's own words; one written before it did falls back to the plugin id.
const vendorOf = (record: VendorWords): string => record.vendorTitle ?? record.plugin;
const subjectLabelOf = (record: VendorWords): string => record.subjectLabel ?? 'Subject';

/** What a notification template sees: the record as is, plus the words and links it needs. */
export function notificationContext(record: NotificationRecordV1, consoleUrl: string) {
  return {
    ...record,
    vendor: vendorOf(record),
    hookLabel: record.hook.replace(/[-_.]/g, ' '),
    subjectLabel: subjectLabelOf(record),
    abandoned: record.type === 'delivery.abandoned',
    // The delivery's page in the console: its request and answer, and the button that sends it again.
    consoleLink: record.deliveryId ? `${consoleUrl}deliveries/${encodeURIComponent(record.deliveryId)}` : undefined,
    reenableRoute: `PATCH /v1/subscriptions/${record.subscriptionId}`,
  };
}

/** What the digest template sees: the window and the first suppressed notifications. */
export function digestContext({ window, items }: DueDigest) {
  const first = items[0];
  return {
    id: window.id,
    subscriptionId: window.subscriptionId,
    tenantId: window.tenantId,
    plugin: first?.plugin,
    hook: first?.hook,
    url: first?.url,
    vendor: first ? vendorOf(first) : 'hookbus',
    hookLabel: first?.hook.replace(/[-_.]/g, ' '),
    subjectLabel: first ? subjectLabelOf(first) : 'Subject',
    startsAt: window.startsAt.toISOString(),
    endsAt: window.endsAt.toISOString(),
    sentCount: window.sentCount,
    count: window.suppressedCount,
    more: Math.max(0, window.suppressedCount - items.length),
    items: items.map((item) => ({ ...item, message: item.vendorMessage ?? item.reason })),
    listRoute: `GET /v1/deliveries?subscriptionId=${window.subscriptionId}&status=failed`,
    recoverBody: JSON.stringify({ since: window.startsAt.toISOString(), until: window.endsAt.toISOString(), subscriptionId: window.subscriptionId }),
  };
}

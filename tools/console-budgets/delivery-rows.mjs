// The delivery log the budget runs against: deterministic rows of one tenant, spread over 30 days,
// with the newest one pending (so every other status's filter has to change the first row).
import { hash, randomUUID } from 'node:crypto';

const DAY_MS = 24 * 3600 * 1000;
/** Out of 100: most deliveries get through, a few fail or are still retrying. */
const STATUS_SHARES = [
  ['delivered', 80],
  ['failed', 7],
  ['retrying', 5],
  ['pending', 4],
  ['abandoned', 2],
  ['cancelled', 2],
];
const FINAL = new Set(['delivered', 'failed', 'abandoned', 'cancelled']);
/** Deliveries per subject: an order's confirmation, its payment, its status changes… */
const PER_SUBJECT = 5;

const statusAt = (index) => {
  // A multiplicative hash spreads the statuses over time without clumps.
  let slot = Math.imul(index, 2654435761) >>> 0;
  slot %= 100;
  for (const [status, share] of STATUS_SHARES) {
    if (slot < share) return status;
    slot -= share;
  }
  return 'delivered';
};

/** As delivery-service derives it: one delivery per event and subscription. */
const deliveryIdOf = (eventId, subscriptionId) => `dlv_${hash('sha256', `${eventId}\u0000${subscriptionId}`, 'base64url').slice(0, 26)}`;

/**
 * `count` deliveries of `tenantId` over `subscriptions`, oldest first, the newest just before `now`.
 * Each is a plain object with the columns of `deliveries` (dates as Date).
 */
export function deliveryRows({ tenantId, subscriptions, count, now = Date.now() }) {
  const spacing = (30 * DAY_MS) / count;
  const subjects = Math.max(1, Math.floor(count / PER_SUBJECT));
  const rows = [];
  for (let index = 0; index < count; index += 1) {
    const newest = index === count - 1;
    const status = newest ? 'pending' : statusAt(index);
    const eventId = randomUUID();
    const subscription = subscriptions[index % subscriptions.length];
    const createdAt = new Date(now - (count - index) * spacing);
    const attemptCount = status === 'delivered' || status === 'pending' ? 1 : status === 'abandoned' ? 12 : 3;
    rows.push({
      id: deliveryIdOf(eventId, subscription.id),
      tenantId,
      eventId,
      subscriptionId: subscription.id,
      subject: `order-${100_000 + (index % subjects)}`,
      plugin: subscription.plugin,
      hook: subscription.hook,
      status,
      vendorMessage: status === 'failed' ? 'Order not found' : null,
      attemptCount,
      createdAt,
      updatedAt: createdAt,
      finishedAt: FINAL.has(status) ? new Date(createdAt.getTime() + 1000) : null,
      dueAt: status === 'retrying' ? new Date(now + 60_000) : null,
    });
  }
  return rows;
}

/** The attempts of the newest `newest` deliveries (what someone opening one from the log sees). */
export function attemptRows(deliveries, newest = 1000) {
  return deliveries.slice(-newest).flatMap((delivery) =>
    Array.from({ length: delivery.attemptCount }, (_, offset) => {
      const n = offset + 1;
      const last = n === delivery.attemptCount;
      const outcome = last ? delivery.status : 'retrying';
      const ok = outcome === 'delivered';
      return {
        deliveryId: delivery.id,
        n,
        at: new Date(delivery.createdAt.getTime() + offset * 30_000),
        request: { method: 'PUT', url: 'https://shop.example.com/hooks/order-status', headers: { 'content-type': 'application/json' }, body: `{"subject":"${delivery.subject}"}` },
        response: outcome === 'pending' ? null : { status: ok ? 200 : 503, body: ok ? 'OK' : 'unavailable' },
        durationMs: 40 + (n % 7),
        error: ok || outcome === 'pending' ? null : 'HTTP 503',
        outcome,
      };
    }),
  );
}

/** The newest delivery of each status and of a few subjects: what the first row shows once filtered. */
export function newestBy(deliveries, key) {
  const newest = new Map();
  for (const delivery of deliveries) newest.set(delivery[key], delivery);
  return newest;
}

// What the benchmark delivers: 50 subscriptions across the four plugins, each of its own tenant, so
// an event reaches exactly one subscription and N events/s mean N deliveries/s. Every event carries
// a sequence number where the receiver can read it back (see receiver.mjs).
import { randomUUID } from 'node:crypto';

const PLUGINS = {
  komet: {
    subscription: (url) => ({ plugin: 'komet', hook: 'order-confirmation', url }),
    event: (seq) => ({ type: 'order.confirmed', data: { companyId: 6316, orderId: seq } }),
  },
  komerce: {
    subscription: (url) => ({ plugin: 'komerce', hook: 'order-status', url }),
    event: (seq) => ({ type: 'shipment.status_changed', data: { orderNo: String(seq), awb: `AWB${seq}`, status: 'Dikirim' } }),
  },
  postback: {
    subscription: (url) => ({ plugin: 'postback', hook: 'order.completed', url }),
    event: (seq, bytes) => ({ type: 'order.completed', origin: 'shop', data: { seq, total: 125000, ...orderLines(bytes) } }),
  },
  // Paced by design: its orders leave at the subscription's scheduled runs (every minute here).
  secutix: {
    subscription: (url) => ({ plugin: 'secutix', hook: 'order-closed', method: 'GET', url: `${url}/\${orderId}`, settings: { frequencyMinutes: 1, batchSize: 1000 } }),
    event: (seq, bytes) => ({ type: 'order.closed', data: { orderId: seq, orderDetailsData: { orderType: 'SALE', orderState: 'CLOSED', operationDatas: orderLines(bytes).lines ?? [] } } }),
  },
  webhook: {
    subscription: (url) => ({ plugin: 'webhook', hook: 'events', url, settings: { eventTypes: ['order.completed'] } }),
    event: (seq, bytes) => ({ type: 'order.completed', origin: 'shop', data: { seq, total: 125000, ...orderLines(bytes) } }),
  },
};

/** Order lines of about `bytes` of JSON in all (none for 0), each a valid SecuTix operation too. */
function orderLines(bytes) {
  const line = (n) => ({ productCode: `SKU-${String(n).padStart(8, '0')}`, title: 'Seat, category 1, block C, row 12', basePrice: 125000, quantity: 1, currency: 'IDR' });
  const lineBytes = JSON.stringify(line(0)).length + 1;
  const count = Math.floor(bytes / lineBytes);
  return count > 0 ? { lines: Array.from({ length: count }, (_, n) => line(n)) } : {};
}

const COUNTS = { komet: 16, komerce: 15, postback: 15, secutix: 4 };

/** The 50 endpoints: index, plugin, and the receiver route (`/s/<index>`, on a port of its own). */
export const ENDPOINTS = Object.entries(COUNTS)
  .flatMap(([plugin, count]) => Array.from({ length: count }, () => plugin))
  .map((plugin, index) => ({ index, plugin, route: `/s/${index}`, immediate: plugin !== 'secutix' }));

/**
 * The endpoints of the one-endpoint rows, after the 50: each a Komerce subscription of a tenant of
 * its own (as one ERP receiving every order of a batch import), so one row's leftovers do not reach
 * another's endpoint.
 */
export const SOLO = Object.fromEntries(
  ['backlog', 'load', 'throttled'].map((row, n) => {
    const index = ENDPOINTS.length + n;
    return [row, { index, plugin: 'komerce', route: `/s/${index}`, immediate: true }];
  }),
);

/**
 * The fan-out endpoints of the scale part, after the one-endpoint rows: generic webhooks of one
 * tenant, each on an origin of its own, all taking `order.completed`, so one event is 200 deliveries.
 */
export const FAN_OUT = Array.from({ length: 200 }, (_, n) => {
  const index = ENDPOINTS.length + Object.keys(SOLO).length + n;
  return { index, plugin: 'webhook', route: `/s/${index}`, immediate: true };
});

export const subscriptionBody = (endpoint, url) => PLUGINS[endpoint.plugin].subscription(url);

/**
 * A CloudEvent for `endpoint`'s tenant, carrying `seq`; its own subject unless given one. With
 * `bytes`, its data grows to about that size with order lines, as a big order's details would.
 */
export function benchEvent(endpoint, tenantId, seq, subject = String(seq), bytes = 0) {
  const { type, data, origin } = PLUGINS[endpoint.plugin].event(seq, bytes);
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: 'urn:hookbus:bench',
    type,
    time: new Date().toISOString(),
    subject,
    tenantid: tenantId,
    ...(origin ? { origin } : {}),
    data,
  };
}

/** The endpoint of the n-th event: round-robin over the given endpoints. */
export const endpointFor = (endpoints, n) => endpoints[n % endpoints.length];

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
    event: (seq) => ({ type: 'order.completed', origin: 'shop', data: { seq, total: 125000 } }),
  },
  // Paced by design: its orders leave at the subscription's scheduled runs (every minute here).
  secutix: {
    subscription: (url) => ({ plugin: 'secutix', hook: 'order-closed', method: 'GET', url: `${url}/\${orderId}`, settings: { frequencyMinutes: 1, batchSize: 1000 } }),
    event: (seq) => ({ type: 'order.closed', data: { orderId: seq, orderDetailsData: { orderType: 'SALE', orderState: 'CLOSED', operationDatas: [] } } }),
  },
};

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

export const subscriptionBody = (endpoint, url) => PLUGINS[endpoint.plugin].subscription(url);

/** A CloudEvent for `endpoint`'s tenant, carrying `seq`; its own subject unless given one. */
export function benchEvent(endpoint, tenantId, seq, subject = String(seq)) {
  const { type, data, origin } = PLUGINS[endpoint.plugin].event(seq);
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

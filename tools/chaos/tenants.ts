import { ApiClient } from '../../test/support/config-service';
import { OPERATOR_TOKEN } from '../../test/support/service-process';
import { BEHAVIOURS, type BehaviourName, Endpoint, endpointNamed } from './endpoints';

/** A subscription of the run: what it takes, where it points, and how that receiver answers. */
export interface PlannedSubscription {
  readonly id: string;
  readonly plugin: string;
  readonly eventTypes: readonly string[];
  readonly endpoint: Endpoint;
  /** SecuTix's orders leave at scheduled runs: one still held there is accounted as scheduled. */
  readonly paced: boolean;
}

export interface PlannedTenant {
  readonly id: string;
  readonly name: string;
  readonly admin: ApiClient;
  readonly producerKey: string;
  readonly subscriptions: readonly PlannedSubscription[];
}

interface SubscriptionSpec {
  readonly endpoint: string;
  readonly eventTypes: readonly string[];
  readonly body: (url: string) => Record<string, unknown>;
}

const ERROR_EMAILS = ['ops@chaos.test'];
// Short, so retries, their releases and the failures they end in all happen within the run.
const retryPolicy = (...delaysSeconds: number[]) => ({ retryPolicy: { delaysSeconds } });

/** Every plugin, each receiver behaviour, and one event reaching two plugins (webhook `order.*`). */
const LOAD_SUBSCRIPTIONS: readonly SubscriptionSpec[] = [
  { endpoint: 'fast', eventTypes: ['order.confirmed'], body: (url) => ({ plugin: 'komet', hook: 'order-confirmation', url, ...retryPolicy(5, 15, 30, 60, 120) }) },
  { endpoint: 'refusingSome', eventTypes: ['order.cancelled'], body: (url) => ({ plugin: 'komet', hook: 'order-cancellation', url, ...retryPolicy(5, 15, 30) }) },
  { endpoint: 'slow', eventTypes: ['shipment.status_changed'], body: (url) => ({ plugin: 'komerce', hook: 'order-status', url, ...retryPolicy(3, 10, 30) }) },
  { endpoint: 'failingOnce', eventTypes: ['order.completed'], body: (url) => ({ plugin: 'postback', hook: 'order.completed', url, ...retryPolicy(2, 4, 8) }) },
  { endpoint: 'secutix', eventTypes: ['order.closed'], body: (url) => ({ plugin: 'secutix', hook: 'order-closed', method: 'GET', url: `${url}/\${orderId}`, settings: { frequencyMinutes: 1, batchSize: 1000 } }) },
  { endpoint: 'webhook', eventTypes: ['order.confirmed', 'order.cancelled', 'order.completed', 'order.closed'], body: (url) => ({ plugin: 'webhook', hook: 'events', url, settings: { eventTypes: ['order.*'] }, ...retryPolicy(5, 15, 30) }) },
];

/** The one hanging receiver: every request held open until the plugin's timeout. */
const HANGING: SubscriptionSpec = { endpoint: 'hanging', eventTypes: ['order.cancelled'], body: (url) => ({ plugin: 'webhook', hook: 'events', url, settings: { eventTypes: ['order.cancelled'] }, ...retryPolicy(2, 4) }) };

/** The canary tenant's: one path per service a recovery needs (see canary.ts). */
const CANARY_SUBSCRIPTIONS: readonly SubscriptionSpec[] = [
  { endpoint: 'canary', eventTypes: ['order.confirmed'], body: (url) => ({ plugin: 'komet', hook: 'order-confirmation', url, ...retryPolicy(1, 1, 1, 1, 1) }) },
  { endpoint: 'canary', eventTypes: ['shipment.status_changed'], body: (url) => ({ plugin: 'komerce', hook: 'order-status', url, ...retryPolicy(1, 1, 1) }) },
  { endpoint: 'canaryRetried', eventTypes: ['order.completed'], body: (url) => ({ plugin: 'postback', hook: 'order.completed', url, ...retryPolicy(1, 1, 1) }) },
  { endpoint: 'canaryRefused', eventTypes: ['order.cancelled'], body: (url) => ({ plugin: 'komet', hook: 'order-cancellation', url }) },
];

const ENDPOINT_BEHAVIOURS: Record<string, BehaviourName> = {
  fast: 'fast', refusingSome: 'refusingSome', slow: 'slow', failingOnce: 'failingOnce', secutix: 'fast', webhook: 'fast',
  hanging: 'hanging', canary: 'fast', canaryRetried: 'failingOnce', canaryRefused: 'refusingAll',
};

/** Starts one endpoint (origin) per receiver of the plan. */
export async function startEndpoints(): Promise<Map<string, Endpoint>> {
  const endpoints = new Map(Object.entries(ENDPOINT_BEHAVIOURS).map(([name, behaviour]) => [name, new Endpoint(name, BEHAVIOURS[behaviour])]));
  for (const endpoint of endpoints.values()) await endpoint.start();
  return endpoints;
}

/** Creates the load tenants (the second one with the hanging receiver) and the canary tenant. */
export async function createTenants(configUrl: string, endpoints: Map<string, Endpoint>): Promise<{ load: PlannedTenant[]; canary: PlannedTenant }> {
  const load = [await createTenant(configUrl, 'shop-a', LOAD_SUBSCRIPTIONS, endpoints), await createTenant(configUrl, 'shop-b', [...LOAD_SUBSCRIPTIONS, HANGING], endpoints)];
  return { load, canary: await createTenant(configUrl, 'canary', CANARY_SUBSCRIPTIONS, endpoints) };
}

async function createTenant(configUrl: string, name: string, specs: readonly SubscriptionSpec[], endpoints: Map<string, Endpoint>): Promise<PlannedTenant> {
  const operator = new ApiClient(configUrl, OPERATOR_TOKEN);
  const tenant = expect(await operator.post('/v1/tenants', { name }), 201);
  const admin = new ApiClient(configUrl, expect(await operator.post(`/v1/tenants/${tenant.id}/api-keys`, { roles: ['admin'] }), 201).key);
  const producerKey = expect(await operator.post(`/v1/tenants/${tenant.id}/api-keys`, { roles: ['producer'] }), 201).key;
  const subscriptions: PlannedSubscription[] = [];
  for (const spec of specs) {
    const endpoint = endpointNamed(endpoints, spec.endpoint);
    const body = { ...spec.body(`${endpoint.url}/${name}`), errorEmails: ERROR_EMAILS };
    const created = expect(await admin.post('/v1/subscriptions', body), 201);
    subscriptions.push({ id: created.id, plugin: created.plugin, eventTypes: spec.eventTypes, endpoint, paced: created.plugin === 'secutix' });
  }
  return { id: tenant.id, name, admin, producerKey, subscriptions };
}

function expect<T>(answer: { status: number; body: T }, status: number): T {
  if (answer.status !== status) throw new Error(`config-service answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

// What the delivery log specs share: an in-memory log database and attempt records to write to it.
import { deliveryId, type DeliveryAttemptRecordV1 } from '@hookbus/contracts';
import { type OpenDatabase, openDatabase } from '@hookbus/persistence';
import { DELIVERY_LOG_ENTITIES, DELIVERY_LOG_MIGRATIONS } from '../deliveries.module-parts';

export const TENANT = 'tnt_a';

export const openDeliveryLog = (): Promise<OpenDatabase> =>
  openDatabase({ url: ':memory:', entities: DELIVERY_LOG_ENTITIES, migrations: DELIVERY_LOG_MIGRATIONS });

/** Attempt `n` of the delivery of evt-1 to sub_1 for TENANT, a 503 to retry unless `overrides` say otherwise. */
export function attempt(n: number, overrides: Partial<DeliveryAttemptRecordV1> = {}): DeliveryAttemptRecordV1 {
  const eventId = overrides.eventId ?? 'evt-1';
  const subscriptionId = overrides.subscriptionId ?? 'sub_1';
  return {
    deliveryId: deliveryId(eventId, subscriptionId),
    eventId,
    subscriptionId,
    tenantId: TENANT,
    subject: 'order-42',
    plugin: 'komet',
    hook: 'order-confirmation',
    attempt: n,
    at: new Date(Date.UTC(2025, 0, 1, 0, n)).toISOString(),
    request: { method: 'POST', url: 'https://example.test/hook', headers: { authenticationToken: '********' }, body: '{"orderId":1}' },
    response: { status: 503, body: 'busy' },
    durationMs: 12.5,
    error: 'HTTP 503',
    outcome: 'retrying',
    ...overrides,
  };
}

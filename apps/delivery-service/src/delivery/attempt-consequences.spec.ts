import type { DeliveryAttemptRecordV1, HookbusEvent, SubscriptionSnapshotV1 } from '@hookbus/contracts';
import type { Classification, DeliverablePlugin, Subscription } from '@hookbus/delivery-sdk';
import { AttemptConsequences } from './attempt-consequences';
import type { DeliveryPublisher } from './delivery.publisher';
import { deliveryRefOf } from './delivery-ref';

describe('AttemptConsequences', () => {
  let logged: DeliveryAttemptRecordV1[];
  let notified: unknown[];
  const publisher = {
    log: async (record: DeliveryAttemptRecordV1) => void logged.push(record),
    notify: async (...args: unknown[]) => void notified.push(args),
  } as unknown as DeliveryPublisher;
  const event = { id: 'evt-1', type: 'order.confirmed', subject: '6908', tenantid: 't-1' } as unknown as HookbusEvent;
  const snapshot = { id: 'sub-1', plugin: 'komet', hook: 'order-confirmation', url: 'http://erp.example/hook', errorEmails: [] } as unknown as SubscriptionSnapshotV1;
  const ref = deliveryRefOf(event, snapshot);
  const record: DeliveryAttemptRecordV1 = {
    ...ref,
    attempt: 1,
    at: '2025-01-01T00:00:00.000Z',
    request: { method: 'POST', url: snapshot.url, headers: {}, body: '{}' },
    response: { status: 200, body: '{"status":"1","message":"Order 6908 synchronised"}' },
    durationMs: 3,
    outcome: 'delivered',
  };
  const apply = (verdict: Classification) =>
    new AttemptConsequences(publisher).apply({ ref, event, plugin: {} as DeliverablePlugin, snapshot, subscription: {} as Subscription, attempt: 1, record, verdict });

  beforeEach(() => {
    logged = [];
    notified = [];
  });

  it('logs a delivered attempt with the receiver’s message, and e-mails nobody', async () => {
    await apply({ result: 'delivered', vendorMessage: 'Order 6908 synchronised' });

    expect(logged).toEqual([{ ...record, outcome: 'delivered', vendorMessage: 'Order 6908 synchronised' }]);
    expect(notified).toEqual([]);
  });

  it('logs a delivered attempt without a message as it is', async () => {
    await apply({ result: 'delivered' });

    expect(logged).toEqual([{ ...record, outcome: 'delivered' }]);
  });
});

import type { DeadLetterRecordV1, DeliveryAttemptRecordV1, HookbusEvent } from '@hookbus/contracts';
import type { DeliverablePlugin, Subscription } from '@hookbus/delivery-sdk';
import type { DeliveryPublisher } from './delivery.publisher';
import { deliveryRefOf } from './delivery-ref';
import { ENDPOINT_BUSY_DELAY_MS, EndpointOverflow } from './endpoint-overflow';

describe('EndpointOverflow', () => {
  const logged: DeliveryAttemptRecordV1[] = [];
  const deadLettered: DeadLetterRecordV1[] = [];
  const publisher = {
    log: async (record: DeliveryAttemptRecordV1) => void logged.push(record),
    deadLetter: async (record: DeadLetterRecordV1) => void deadLettered.push(record),
  } as unknown as DeliveryPublisher;
  const event = { id: 'evt-1', type: 'order.confirmed', subject: 'o-1', tenantid: 't-1' } as unknown as HookbusEvent;
  const plugin = {} as DeliverablePlugin;
  const ref = deliveryRefOf(event, { id: 'sub-1', plugin: 'komet', hook: 'order-confirmation' });
  const request = { method: 'POST', url: 'http://erp.example:8080/hook', headers: {}, body: '{}' };

  it('logs the attempt as retrying and dead-letters it, due shortly, without using up an attempt', async () => {
    const before = Date.now();
    await new EndpointOverflow(publisher).defer({ ref, event, plugin, attempt: 2, subscription: { settings: {} } as unknown as Subscription, request, inFlight: 8 });

    expect(logged).toEqual([expect.objectContaining({ deliveryId: ref.deliveryId, attempt: 2, outcome: 'retrying', request, durationMs: 0, error: 'endpoint_busy: http://erp.example:8080 has 8 attempts in flight' })]);
    expect(deadLettered).toEqual([expect.objectContaining({ deliveryId: ref.deliveryId, attempt: 2, reason: logged[0].error, event })]);
    const due = Date.parse(deadLettered[0].dueAt) - before;
    expect(due).toBeGreaterThanOrEqual(ENDPOINT_BUSY_DELAY_MS);
    expect(due).toBeLessThan(ENDPOINT_BUSY_DELAY_MS + 1_000);
    expect(deadLettered[0].batch).toBeUndefined();
  });
});

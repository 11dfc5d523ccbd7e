import type { DeadLetterRecordV1, DeliveryAttemptRecordV1, HookbusEvent } from '@hookbus/contracts';
import type { DeliverablePlugin, Subscription } from '@hookbus/delivery-sdk';
import type { DeliveryPublisher } from './delivery.publisher';
import { deliveryRefOf } from './delivery-ref';
import { ENDPOINT_BUSY_DELAY_MS, EndpointOverflow, MAX_ENDPOINT_BUSY_DELAY_MS } from './endpoint-overflow';

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

  it('doubles the wait with each overflow of an endpoint that does not answer, up to the cap; an answer resets it', async () => {
    const overflow = new EndpointOverflow(publisher);
    const defer = async (url: string) => {
      const before = Date.now();
      await overflow.defer({ ref, event, plugin, attempt: 1, subscription: { settings: {} } as unknown as Subscription, request: { ...request, url }, inFlight: 32 });
      return Math.round((Date.parse(deadLettered[deadLettered.length - 1].dueAt) - before) / 1_000);
    };
    const hanging = 'http://hangs.example/hook';
    const waits = [];
    for (let n = 0; n < 7; n += 1) waits.push(await defer(hanging));
    expect(waits).toEqual([10, 20, 40, 80, 160, 300, 300].map((seconds) => Math.min(seconds * 1_000, MAX_ENDPOINT_BUSY_DELAY_MS) / 1_000));
    expect(await defer('http://other.example/hook')).toBe(ENDPOINT_BUSY_DELAY_MS / 1_000);

    overflow.answered(`${hanging}/other-path`);
    expect(await defer(hanging)).toBe(ENDPOINT_BUSY_DELAY_MS / 1_000);
  });
});

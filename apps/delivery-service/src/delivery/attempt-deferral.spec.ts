import type { DeadLetterRecordV1, DeliveryAttemptRecordV1, HookbusEvent } from '@hookbus/contracts';
import type { DeliverablePlugin, Subscription } from '@hookbus/delivery-sdk';
import { AttemptDeferral } from './attempt-deferral';
import type { DeliveryPublisher } from './delivery.publisher';
import { deliveryRefOf } from './delivery-ref';

describe('AttemptDeferral', () => {
  let logged: DeliveryAttemptRecordV1[];
  let deadLettered: DeadLetterRecordV1[];
  const publisher = {
    log: async (record: DeliveryAttemptRecordV1) => void logged.push(record),
    deadLetter: async (record: DeadLetterRecordV1) => void deadLettered.push(record),
  } as unknown as DeliveryPublisher;
  const event = { id: 'evt-1', type: 'order.confirmed', subject: 'o-1', tenantid: 't-1' } as unknown as HookbusEvent;
  const ref = deliveryRefOf(event, { id: 'sub-1', plugin: 'komet', hook: 'order-confirmation' });
  const request = { method: 'POST', url: 'http://erp.example:8080/hook', headers: {}, body: '{}' };
  const until = Date.parse('2026-12-05T20:00:00.000Z');
  const putOff = (plugin: DeliverablePlugin, deferrals: number, settings: Record<string, unknown> = {}) =>
    new AttemptDeferral(publisher).putOff({
      ref,
      event,
      plugin,
      subscription: { settings } as unknown as Subscription,
      attempt: 2,
      deferrals,
      request,
      until,
      reason: 'circuit_open: http://erp.example:8080 failed 5 times in a row',
      endpoint: { concurrency: 3, circuit: 'open', until: new Date(until).toISOString() },
    });

  beforeEach(() => {
    logged = [];
    deadLettered = [];
  });

  it('logs the attempt retrying with when and why, and dead-letters it with the same attempt number and one more deferral', async () => {
    await putOff({} as DeliverablePlugin, 0);

    expect(logged).toEqual([
      expect.objectContaining({
        deliveryId: ref.deliveryId,
        attempt: 2,
        outcome: 'retrying',
        request,
        durationMs: 0,
        error: 'circuit_open: http://erp.example:8080 failed 5 times in a row',
        dueAt: '2026-12-05T20:00:00.000Z',
        deferrals: 1,
        endpoint: { concurrency: 3, circuit: 'open', until: '2026-12-05T20:00:00.000Z' },
      }),
    ]);
    expect(deadLettered).toEqual([
      { deliveryId: ref.deliveryId, eventId: 'evt-1', subscriptionId: 'sub-1', tenantId: 't-1', attempt: 2, deferrals: 1, dueAt: '2026-12-05T20:00:00.000Z', reason: logged[0].error, event },
    ]);
  });

  it('counts on from the deferrals the attempt had, so each release of it has an id of its own', async () => {
    await putOff({} as DeliverablePlugin, 4);
    expect(deadLettered[0]).toMatchObject({ attempt: 2, deferrals: 5 });
  });

  it("keeps a paced plugin's batch settings, so the delivery goes back to its schedule", async () => {
    const paced = { schedule: { frequencyMinutes: 1, batchSize: 60 } } as unknown as DeliverablePlugin;
    await putOff(paced, 0, { frequencyMinutes: 5, batchSize: 10 });
    expect(deadLettered[0].batch).toEqual({ frequencyMinutes: 5, batchSize: 10 });
  });
});

import { deadLetterRecordV1, deliveryAttemptRecordV1 } from '@hookbus/contracts';
import { contextFor, NOW } from '../testing/rule-fixtures';
import { decidePutOff, MAX_DEFERRALS, mayPutOff, type PutOff } from './deferral-rules';

const until = Date.parse('2026-03-01T12:00:30.000Z');
const request = { method: 'POST', url: 'https://erp.example/hook', headers: { 'webhook-signature': '***' }, body: '{}' };
const circuitOpen: PutOff = {
  deferrals: 0,
  request,
  until,
  reason: 'circuit_open: https://erp.example failed 5 times in a row',
  endpoint: { concurrency: 3, circuit: 'open', until: new Date(until).toISOString() },
};
const putOff = (vendor: string, details: Partial<PutOff> = {}, settings: Record<string, unknown> = {}) =>
  decidePutOff(contextFor(vendor, { attempt: 2, settings }), { ...circuitOpen, ...details }, { now: NOW });

describe('flow-control and breaker deferrals: an attempt put off uses up no retry', () => {
  it('logs the attempt retrying with when and why, and dead-letters the same attempt with one more deferral', () => {
    const { status, dueAt, records } = putOff('komet');
    const { ref, event } = contextFor('komet');

    expect({ status, dueAt }).toEqual({ status: 'retrying', dueAt: '2026-03-01T12:00:30.000Z' });
    expect(records.log).toEqual({
      ...ref,
      attempt: 2,
      at: NOW.toISOString(),
      request,
      durationMs: 0,
      error: circuitOpen.reason,
      outcome: 'retrying',
      deferrals: 1,
      endpoint: circuitOpen.endpoint,
      dueAt: '2026-03-01T12:00:30.000Z',
      event,
    });
    const { deliveryId, eventId, subscriptionId, tenantId, plugin, hook } = ref;
    expect(records.deadLetter).toEqual({ deliveryId, eventId, subscriptionId, tenantId, plugin, hook, attempt: 2, deferrals: 1, dueAt: '2026-03-01T12:00:30.000Z', reason: circuitOpen.reason, event });
    expect(records.notification).toBeUndefined();
  });

  it('counts on from the deferrals the attempt had, so each release of it has an id of its own', () => {
    const { records } = putOff('komet', { deferrals: 4 });
    expect(records.log.deferrals).toBe(5);
    expect(records.deadLetter).toMatchObject({ attempt: 2, deferrals: 5 });
  });

  it('a Retry-After pause keeps the answer that asked for it', () => {
    const paused = putOff('postback', { reason: 'endpoint_paused: https://shop.example asked to wait (Retry-After)', response: { status: 503, body: 'busy' }, durationMs: 40 });
    expect(paused.records.log).toMatchObject({ response: { status: 503, body: 'busy' }, durationMs: 40, error: expect.stringMatching(/^endpoint_paused: /) });
  });

  it("a rate-limited delivery goes to the retry path at its moment, naming the subscription's limit", () => {
    const limited = putOff('komerce', { reason: 'rate_limited: the subscription sends at most 0.5 a second', endpoint: undefined });
    expect(limited.records.log.endpoint).toBeUndefined();
    expect(limited.records.deadLetter).toMatchObject({ attempt: 2, deferrals: 1, reason: 'rate_limited: the subscription sends at most 0.5 a second' });
  });

  it("keeps a paced plugin's batch settings, so the delivery goes back to its schedule", () => {
    expect(putOff('secutix', {}, { frequencyMinutes: 5, batchSize: 10 }).records.deadLetter?.batch).toEqual({ frequencyMinutes: 5, batchSize: 10 });
    expect(putOff('komet').records.deadLetter?.batch).toBeUndefined();
  });

  it(`puts an attempt off at most ${MAX_DEFERRALS} times, so a delivery to an endpoint that never recovers still ends`, () => {
    expect([0, MAX_DEFERRALS - 1, MAX_DEFERRALS, MAX_DEFERRALS + 1].map(mayPutOff)).toEqual([true, true, false, false]);
  });

  it('writes records the contracts accept', () => {
    const { records } = putOff('secutix', { deferrals: 7 });
    expect(deliveryAttemptRecordV1.safeParse(records.log).success).toBe(true);
    expect(deadLetterRecordV1.safeParse(records.deadLetter).success).toBe(true);
  });
});

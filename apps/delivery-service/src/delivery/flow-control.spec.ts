import { MAX_DEFERRALS } from './rules';
import { answer } from './testing/rule-fixtures';
import { InProcessDelivery } from './testing/in-process-delivery';
import { VENDOR_SAMPLES } from './testing/vendor-samples';

const eventNo = (vendor: string, n: number) => ({ ...VENDOR_SAMPLES[vendor].event, id: `evt_${vendor}_${n}` });
const SECOND = 1_000;

// Flow control puts attempts off without sending them; none of that uses up a retry.
describe('flow-control and breaker deferrals (in-memory bus, real endpoint gates)', () => {
  it("Retry-After 120 on a 503: the endpoint pauses, the delivery is put off as the same attempt, and so is the endpoint's next one", async () => {
    const delivery = new InProcessDelivery();
    delivery.sender.answer(answer(503, 'busy', { 'retry-after': '120' }));
    const subscription = delivery.subscribe('postback');
    const before = delivery.now;
    await delivery.dispatch(subscription, eventNo('postback', 1));
    await delivery.dispatch(subscription, eventNo('postback', 2));

    expect(delivery.sender.requests).toHaveLength(1);
    const [paused, next] = delivery.logs();
    expect(paused).toMatchObject({ attempt: 1, outcome: 'retrying', deferrals: 1, response: { status: 503, body: 'busy' }, error: expect.stringMatching(/^endpoint_paused: /) });
    expect(next).toMatchObject({ attempt: 1, outcome: 'retrying', deferrals: 1, error: expect.stringMatching(/^endpoint_paused: /) });
    expect(next.response).toBeUndefined();
    const due = Date.parse(paused.dueAt ?? '') - before;
    expect(due).toBeGreaterThanOrEqual(120 * SECOND);
    expect(due).toBeLessThanOrEqual(132 * SECOND);
    expect(delivery.deadLetters().map(({ attempt, deferrals }) => [attempt, deferrals])).toEqual([[1, 1], [1, 1]]);

    delivery.advance(133 * SECOND);
    await delivery.releaseAll();
    expect(delivery.logs().slice(2)).toEqual([
      expect.objectContaining({ attempt: 1, outcome: 'delivered', deferrals: 1 }),
      expect.objectContaining({ attempt: 1, outcome: 'delivered', deferrals: 1 }),
    ]);
  });

  it('the breaker: after 3 failures in a row the circuit opens, later deliveries are put off without a request, and the probe once it half-opens delivers', async () => {
    const delivery = new InProcessDelivery({ circuitFailures: 3, coolDownMs: 30 * SECOND });
    delivery.sender.answer(answer(503), answer(503), answer(503));
    const subscription = delivery.subscribe('komerce');
    for (const n of [1, 2, 3]) await delivery.dispatch(subscription, eventNo('komerce', n));
    await delivery.dispatch(subscription, eventNo('komerce', 4));

    expect(delivery.sender.requests).toHaveLength(3);
    const putOff = delivery.logs()[3];
    expect(putOff).toMatchObject({ attempt: 1, outcome: 'retrying', deferrals: 1, durationMs: 0, error: expect.stringMatching(/^circuit_open: /), endpoint: { circuit: 'open' } });
    expect(delivery.deadLetters()[3]).toMatchObject({ attempt: 1, deferrals: 1 });

    delivery.advance(46 * SECOND);
    await delivery.release(({ eventId }) => eventId === 'evt_komerce_4');
    expect(delivery.sender.requests).toHaveLength(4);
    expect(delivery.logs()[4]).toMatchObject({ eventId: 'evt_komerce_4', attempt: 1, outcome: 'delivered', deferrals: 1, endpoint: { circuit: 'closed' } });
  });

  it('a probe that fails opens the circuit again; the attempt it made uses up a retry as usual', async () => {
    const delivery = new InProcessDelivery({ circuitFailures: 1, coolDownMs: 30 * SECOND });
    delivery.sender.answer(answer(503), answer(503));
    const subscription = delivery.subscribe('komerce');
    await delivery.dispatch(subscription, eventNo('komerce', 1));
    await delivery.dispatch(subscription, eventNo('komerce', 2));
    delivery.advance(46 * SECOND);
    await delivery.release(({ eventId }) => eventId === 'evt_komerce_2');
    await delivery.release(({ eventId }) => eventId === 'evt_komerce_1');

    expect(delivery.outcomes()).toEqual([[1, 'retrying'], [1, 'retrying'], [1, 'retrying'], [2, 'retrying']]);
    expect(delivery.logs()[2]).toMatchObject({ eventId: 'evt_komerce_2', deferrals: 1, response: { status: 503 } });
    expect(delivery.logs()[3]).toMatchObject({ eventId: 'evt_komerce_1', deferrals: 1, error: expect.stringMatching(/^circuit_open: /) });
  });

  it("a subscription's rate limit: a delivery that would wait long goes to the retry path at its moment", async () => {
    const delivery = new InProcessDelivery();
    const subscription = delivery.subscribe('komet', { rateLimit: { perSecond: 0.5 } });
    const before = Date.now();
    await delivery.dispatch(subscription, eventNo('komet', 1));
    await delivery.dispatch(subscription, eventNo('komet', 2));

    expect(delivery.sender.requests).toHaveLength(1);
    const limited = delivery.logs()[1];
    expect(limited).toMatchObject({ attempt: 1, outcome: 'retrying', deferrals: 1, error: 'rate_limited: the subscription sends at most 0.5 a second' });
    expect(limited.endpoint).toBeUndefined();
    expect(Date.parse(limited.dueAt ?? '') - before).toBeGreaterThanOrEqual(2 * SECOND);
  });

  it(`an attempt put off ${MAX_DEFERRALS} times is made whatever the circuit, and ends by its policy`, async () => {
    const delivery = new InProcessDelivery({ circuitFailures: 1 });
    delivery.sender.answer(answer(503), answer(503));
    const subscription = delivery.subscribe('komerce', { retryPolicy: { delaysSeconds: [60] } });
    await delivery.dispatch(subscription, eventNo('komerce', 1));
    const [{ deliveryId, eventId, subscriptionId, tenantId, event }] = delivery.deadLetters();
    await delivery.retry({ deliveryId, eventId, subscriptionId, tenantId, attempt: 2, deferrals: MAX_DEFERRALS, event, manual: false });

    expect(delivery.sender.requests).toHaveLength(2);
    expect(delivery.logs()[1]).toMatchObject({ attempt: 2, outcome: 'failed', deferrals: MAX_DEFERRALS, endpoint: { circuit: 'open' } });
    expect(delivery.notifications()).toEqual([expect.objectContaining({ type: 'delivery.failed', attempt: 2 })]);
  });
});

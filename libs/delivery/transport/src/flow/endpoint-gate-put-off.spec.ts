import type { Admission, PutOff } from './admission';
import { EndpointGate } from './endpoint-gate';
import { admitted, answer, flush, permitOf, settings, timeout } from './testing/endpoint-gate-harness';

describe('EndpointGate putting deliveries off', () => {
  let gate: EndpointGate;

  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
    jest.spyOn(Math, 'random').mockReturnValue(0);
    gate = new EndpointGate('http://erp.example', settings);
  });

  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('puts off the waiting and the arriving deliveries once requests are held past the stall time with no answer', async () => {
    const { settled } = admitted(gate, 4);
    await flush();
    expect(gate.waiting).toBe(2);

    await jest.advanceTimersByTimeAsync(1_001);
    const putOff = settled.slice(2) as PutOff[];
    expect(putOff).toEqual([
      { go: false, until: 1_000_000 + 1_001 + 10_000, reason: 'endpoint_not_answering: no answer from http://erp.example for 1001 ms' },
      { go: false, until: 1_000_000 + 1_001 + 10_000, reason: 'endpoint_not_answering: no answer from http://erp.example for 1001 ms' },
    ]);
    expect(await gate.admit()).toMatchObject({ go: false, until: 1_000_000 + 1_001 + 10_000 });
    // A new silence after the first retreat ran out waits twice as long.
    await jest.advanceTimersByTimeAsync(10_000);
    expect(await gate.admit()).toMatchObject({ go: false, until: Date.now() + 20_000 });
  });

  it('waits for an endpoint that answers slowly but steadily instead of putting its deliveries off', async () => {
    for (let n = 0; n < 3; n += 1) permitOf(await gate.admit()).done(answer(200, 2_000));
    const first = permitOf(await gate.admit());
    const waiting = gate.admit();
    await jest.advanceTimersByTimeAsync(5_000);
    first.done(answer(200, 2_000));
    expect(await waiting).toMatchObject({ go: true });
  });

  it('puts off arriving deliveries once its queue has been full longer than allowed, keeping those already waiting', async () => {
    const { settled } = admitted(gate, 5);
    await flush();
    expect(gate.waiting).toBe(3);
    await jest.advanceTimersByTimeAsync(400);
    permitOf(settled[0] as Admission).done(answer(200, 400));
    await flush();
    expect(gate.waiting).toBe(2);
    const more = admitted(gate, 2);
    await flush();
    expect(gate.waiting).toBe(4);
    await jest.advanceTimersByTimeAsync(501);
    expect(await gate.admit()).toMatchObject({ go: false, reason: expect.stringMatching(/^endpoint_saturated: 4 deliveries waited for http:\/\/erp.example for 501 ms/) });
    expect(more.settled).toEqual([undefined, undefined]);
  });

  it('pauses the whole endpoint for a Retry-After on 429: the delivery that got it and those arriving meanwhile are put off until then', async () => {
    const { settled } = admitted(gate, 3);
    await flush();
    const paused = permitOf(settled[0] as Admission).done(answer(429, 5, { 'retry-after': '2' }));
    const until = 1_000_000 + 2_000;
    expect(paused).toEqual({ go: false, until, reason: 'endpoint_paused: http://erp.example asked to wait (Retry-After)' });
    await flush();
    expect(settled[2]).toMatchObject({ go: false, until });
    expect(await gate.admit()).toMatchObject({ go: false, until });
    expect(gate.flow()).toEqual({ concurrency: 1, circuit: 'closed', until: new Date(until).toISOString() });
    // An answer during the pause (to a request sent before it) does not end it.
    permitOf(settled[1] as Admission).done(answer(200));
    expect(await gate.admit()).toMatchObject({ go: false, until });

    await jest.advanceTimersByTimeAsync(2_000);
    expect(await gate.admit()).toMatchObject({ go: true });
  });

  it('opens its circuit after consecutive failures: deliveries are put off until it half-opens, then one probe goes and its answer closes it', async () => {
    for (let n = 0; n < 3; n += 1) permitOf(await gate.admit()).done(answer(500));
    const reopensAt = Date.now() + 5_000;
    expect(gate.flow()).toEqual({ concurrency: expect.any(Number), circuit: 'open', until: new Date(reopensAt).toISOString() });
    expect(await gate.admit()).toEqual({ go: false, until: reopensAt, reason: 'circuit_open: http://erp.example failed 3 times in a row' });

    await jest.advanceTimersByTimeAsync(5_000);
    expect(gate.flow().circuit).toBe('half-open');
    const probe = permitOf(await gate.admit());
    const behind = gate.admit();
    await flush();
    expect(gate.waiting).toBe(1);
    probe.done(answer(200));
    expect(await behind).toMatchObject({ go: true });
    expect(gate.flow().circuit).toBe('closed');
  });

  it('opens its circuit for an endpoint that holds each request, sent one after another, until it times out', async () => {
    // A subject's events go one at a time: no request is under way when the next arrives, so only
    // the circuit keeps every event from waiting out the timeout.
    for (let n = 0; n < 3; n += 1) {
      const permit = permitOf(await gate.admit());
      await jest.advanceTimersByTimeAsync(8_000);
      permit.done(timeout);
    }
    expect(await gate.admit()).toMatchObject({ go: false, reason: 'circuit_open: http://erp.example failed 3 times in a row' });
  });

  it('opens again when the probe fails, putting off those that waited behind it', async () => {
    for (let n = 0; n < 3; n += 1) permitOf(await gate.admit()).done(timeout);
    await jest.advanceTimersByTimeAsync(5_000);
    const probe = permitOf(await gate.admit());
    const behind = gate.admit();
    await flush();
    probe.done(answer(502));
    expect(await behind).toMatchObject({ go: false, until: Date.now() + 10_000, reason: expect.stringMatching(/^circuit_open/) });
  });

  it('never puts off a delivery that may not be put off any more: it waits for a slot, circuit aside', async () => {
    for (let n = 0; n < 3; n += 1) permitOf(await gate.admit()).done(answer(500));
    expect(gate.flow().circuit).toBe('open');
    expect(await gate.admit(false)).toMatchObject({ go: true });
  });
});

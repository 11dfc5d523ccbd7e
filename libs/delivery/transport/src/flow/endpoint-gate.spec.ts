import type { SendResult } from '../send-result';
import type { EndpointFlowSettings } from './endpoint-flow-settings';
import { type Admission, EndpointGate, type Permit, type PutOff } from './endpoint-gate';

const settings: EndpointFlowSettings = {
  initialConcurrency: 2,
  maxConcurrency: 4,
  stallFloorMs: 1_000,
  stallFactor: 10,
  queueLimit: 3,
  queueFullMs: 500,
  retreatMs: 10_000,
  maxRetreatMs: 40_000,
  maxPauseMs: 60_000,
  circuit: { failures: 3, windowMs: 10_000, coolDownMs: 5_000, maxCoolDownMs: 20_000 },
};

const answer = (status: number, durationMs = 1, headers: Record<string, string> = {}): SendResult => ({ kind: 'response', status, headers, body: '', truncated: false, durationMs });
const timeout: SendResult = { kind: 'error', error: 'timeout', message: 'no answer within 30000 ms', durationMs: 30_000 };

const permitOf = (admission: Admission): Permit => {
  if (!admission.go) throw new Error(`put off: ${admission.reason}`);
  return admission.permit;
};

/** Admissions as they settle: the test sees which resolved, in order. */
function admitted(gate: EndpointGate, count: number, mayDefer = true) {
  const settled: (Admission | undefined)[] = new Array(count).fill(undefined);
  const order: number[] = [];
  for (let n = 0; n < count; n += 1) {
    void gate.admit(mayDefer).then((admission) => {
      settled[n] = admission;
      order.push(n);
    });
  }
  return { settled, order };
}

const flush = () => jest.advanceTimersByTimeAsync(0);

describe('EndpointGate', () => {
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

  it('lets deliveries go while slots are free; the others wait their turn in arrival order, then go as answers come', async () => {
    const { settled, order } = admitted(gate, 5);
    await flush();
    expect(order).toEqual([0, 1]);
    expect(gate.waiting).toBe(3);

    permitOf(settled[1] as Admission).done(answer(200, 50));
    await flush();
    expect(order).toEqual([0, 1, 2]);
    permitOf(settled[0] as Admission).done(answer(200, 50));
    permitOf(settled[2] as Admission).done(answer(200, 50));
    await flush();
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(settled.every((admission) => admission?.go)).toBe(true);
  });

  // A burst of `count` deliveries, each answered `ms` after it went, until all went.
  async function busy(count: number, ms: number): Promise<void> {
    const { settled } = admitted(gate, count);
    const answered = new Set<number>();
    while (answered.size < count) {
      await flush();
      settled.forEach((admission, n) => {
        if (admission?.go && !answered.has(n)) {
          answered.add(n);
          admission.permit.done(answer(200, ms));
        }
      });
    }
  }

  it('grows its concurrency while the endpoint answers quickly and the limit holds deliveries back, up to the ceiling', async () => {
    for (let n = 0; n < 20; n += 1) permitOf(await gate.admit()).done(answer(200, 2));
    // One at a time, the limit held nothing back: no reason to grow.
    expect(gate.flow()).toEqual({ concurrency: 2, circuit: 'closed' });
    await busy(20, 2);
    expect(gate.flow()).toEqual({ concurrency: 4, circuit: 'closed' });
  });

  it('does not grow on answers more than twice as slow as usual, until that pace is the usual one', async () => {
    await busy(2, 2);
    await busy(4, 50);
    expect(gate.flow().concurrency).toBe(2);
    await busy(20, 50);
    expect(gate.flow().concurrency).toBe(4);
  });

  it('halves its concurrency on 429, 503 or a timeout', async () => {
    await busy(20, 2);
    permitOf(await gate.admit()).done(answer(503));
    expect(gate.flow().concurrency).toBe(2);
    permitOf(await gate.admit()).done(timeout);
    expect(gate.flow().concurrency).toBe(1);
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

  it('is idle once nothing is under way, waiting, paused or open', async () => {
    expect(gate.idle).toBe(true);
    const permit = permitOf(await gate.admit());
    expect(gate.idle).toBe(false);
    permit.done(answer(200));
    expect(gate.idle).toBe(true);
  });
});

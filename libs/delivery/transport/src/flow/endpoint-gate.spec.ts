import type { Admission } from './admission';
import { EndpointGate } from './endpoint-gate';
import { admitted, answer, flush, permitOf, settings, timeout } from './testing/endpoint-gate-harness';

describe('EndpointGate letting deliveries go', () => {
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

  it('is idle once nothing is under way, waiting, paused or open', async () => {
    expect(gate.idle).toBe(true);
    const permit = permitOf(await gate.admit());
    expect(gate.idle).toBe(false);
    permit.done(answer(200));
    expect(gate.idle).toBe(true);
  });
});

import { KeyedLimiter } from './keyed-limiter';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
};

describe('KeyedLimiter', () => {
  const noError = (error: unknown) => {
    throw error;
  };

  it('runs tasks of different keys side by side, up to the limit', async () => {
    const limiter = new KeyedLimiter(2);
    const gates = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    await limiter.submit('a', async () => { started.push(0); await gates[0].promise; }, noError);
    await limiter.submit('b', async () => { started.push(1); await gates[1].promise; }, noError);
    const third = limiter.submit('c', async () => { started.push(2); await gates[2].promise; }, noError);

    await new Promise(setImmediate);
    expect(started).toEqual([0, 1]);
    gates[0].resolve();
    await third;
    await new Promise(setImmediate);
    expect(started).toEqual([0, 1, 2]);
    gates[1].resolve();
    gates[2].resolve();
    await limiter.drain();
    expect(limiter.inFlight).toBe(0);
  });

  it('keeps the order of tasks that share a key even when the first is slower', async () => {
    const limiter = new KeyedLimiter(4);
    const order: string[] = [];
    const slow = deferred();
    await limiter.submit('order-1', async () => { await slow.promise; order.push('first'); }, noError);
    await limiter.submit('order-1', async () => { order.push('second'); }, noError);
    await limiter.submit('order-2', async () => { order.push('other'); }, noError);

    await new Promise(setImmediate);
    expect(order).toEqual(['other']);
    slow.resolve();
    await limiter.drain();
    expect(order).toEqual(['other', 'first', 'second']);
  });

  it('reports a failing task and goes on with the next of its key', async () => {
    const limiter = new KeyedLimiter(1);
    const errors: unknown[] = [];
    const ran: string[] = [];
    await limiter.submit('k', async () => { throw new Error('boom'); }, (error) => errors.push(error));
    await limiter.submit('k', async () => { ran.push('next'); }, (error) => errors.push(error));
    await limiter.drain();
    expect(errors).toEqual([new Error('boom')]);
    expect(ran).toEqual(['next']);
  });

  describe('while a submit waits for a slot', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('calls back every tick, and takes the slot as soon as it frees', async () => {
      const limiter = new KeyedLimiter(1);
      const busy = deferred();
      const ran: string[] = [];
      let beats = 0;
      await limiter.submit('a', () => busy.promise, noError);
      const waiting = limiter.submit('b', async () => void ran.push('b'), noError, { everyMs: 100, call: async () => void (beats += 1) });

      await jest.advanceTimersByTimeAsync(350);
      expect(beats).toBe(3);
      expect(ran).toEqual([]);
      busy.resolve();
      await waiting;
      await limiter.drain();
      expect(ran).toEqual(['b']);
      expect(beats).toBe(3);
    });

    it('gives up without running the task when the callback fails', async () => {
      const limiter = new KeyedLimiter(1);
      const busy = deferred();
      const ran: string[] = [];
      await limiter.submit('a', () => busy.promise, noError);
      const waiting = limiter.submit('b', async () => void ran.push('b'), noError, { everyMs: 100, call: async () => Promise.reject(new Error('rebalancing')) });
      const outcome = waiting.catch((error: Error) => error.message);

      await jest.advanceTimersByTimeAsync(100);
      expect(await outcome).toBe('rebalancing');
      busy.resolve();
      await limiter.drain();
      expect(ran).toEqual([]);
      expect(limiter.inFlight).toBe(0);
    });
  });
});

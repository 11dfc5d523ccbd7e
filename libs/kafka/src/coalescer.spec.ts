import { Coalescer } from './coalescer';

describe('Coalescer', () => {
  it('handles a lone item at once, then groups what arrived meanwhile, at most maxItems per group', async () => {
    const groups: number[][] = [];
    let release: () => void = () => undefined;
    const coalescer = new Coalescer<number>(
      (items) => {
        groups.push([...items]);
        return groups.length === 1 ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
      },
      { maxItems: 2 },
    );
    const all = [1, 2, 3, 4, 5].map((item) => coalescer.submit(item));
    expect(groups).toEqual([[1]]);
    release();
    await Promise.all(all);
    expect(groups).toEqual([[1], [2, 3], [4, 5]]);
  });

  it('with lingerMs, lets a group wait for company, and hands a full group over at once', async () => {
    jest.useFakeTimers();
    try {
      const groups: number[][] = [];
      const coalescer = new Coalescer<number>(async (items) => void groups.push([...items]), { maxItems: 3, lingerMs: 100 });
      const first = [coalescer.submit(1), coalescer.submit(2)];
      await jest.advanceTimersByTimeAsync(99);
      expect(groups).toEqual([]);
      await jest.advanceTimersByTimeAsync(1);
      await Promise.all(first);
      expect(groups).toEqual([[1, 2]]);

      const full = [3, 4, 5].map((item) => coalescer.submit(item));
      await Promise.all(full);
      expect(groups).toEqual([[1, 2], [3, 4, 5]]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('with lingerBelow, hands over at once a group that is already that big, without capping groups', async () => {
    jest.useFakeTimers();
    try {
      const groups: number[][] = [];
      let release!: () => void;
      const busy = new Promise<void>((resolve) => (release = resolve));
      const coalescer = new Coalescer<number>(
        async (items) => {
          groups.push([...items]);
          if (groups.length === 1) await busy;
        },
        { lingerMs: 100, lingerBelow: 2 },
      );
      const lone = coalescer.submit(1);
      await jest.advanceTimersByTimeAsync(100);
      expect(groups).toEqual([[1]]);

      // Three arrive while the first group is handled: the next group is big enough to go at once.
      const waiting = [2, 3, 4].map((item) => coalescer.submit(item));
      release();
      await Promise.all([lone, ...waiting]);
      expect(groups).toEqual([[1], [2, 3, 4]]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('handles each item of a failed group alone, unless mayBeOneItem says the error is no item\'s: then every caller fails with it', async () => {
    const handled: number[][] = [];
    const down = new Error('down');
    const bad = new Error('bad item');
    let release!: () => void;
    const busy = new Promise<void>((resolve) => (release = resolve));
    const coalescer = new Coalescer<number>(
      async (items) => {
        handled.push([...items]);
        if (handled.length === 1) return busy;
        if (items.includes(3)) throw bad;
        if (items.includes(6)) throw down;
      },
      { mayBeOneItem: (error) => error !== down },
    );
    const first = coalescer.submit(1);
    const split = [2, 3, 4].map((item) => coalescer.submit(item));
    release();
    await first;
    expect((await Promise.allSettled(split)).map(({ status }) => status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);

    const lone = coalescer.submit(5);
    const failed = [6, 7].map((item) => coalescer.submit(item));
    await lone;
    expect(await Promise.allSettled(failed)).toEqual([{ status: 'rejected', reason: down }, { status: 'rejected', reason: down }]);
    expect(handled).toEqual([[1], [2, 3, 4], [2], [3], [4], [5], [6, 7]]);
  });
});

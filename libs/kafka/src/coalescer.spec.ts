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
});

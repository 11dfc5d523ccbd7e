import { memoized } from './memoized';

describe('memoized', () => {
  it('computes each key once', () => {
    const computed: string[] = [];
    const length = memoized((text: string) => {
      computed.push(text);
      return text.length;
    });

    expect([length('a'), length('bb'), length('a'), length('bb')]).toEqual([1, 2, 1, 2]);
    expect(computed).toEqual(['a', 'bb']);
  });

  it('forgets everything once it holds maxKeys, and computes again', () => {
    const computed: number[] = [];
    const double = memoized((n: number) => {
      computed.push(n);
      return n * 2;
    }, 2);

    double(1);
    double(2);
    double(3); // full: 1 and 2 are forgotten
    double(1);
    expect(computed).toEqual([1, 2, 3, 1]);
  });

  it('does not remember a key whose computation throws', () => {
    let calls = 0;
    const parse = memoized((text: string) => {
      calls += 1;
      if (text === 'bad') throw new TypeError('bad input');
      return text;
    });

    expect(() => parse('bad')).toThrow('bad input');
    expect(() => parse('bad')).toThrow('bad input');
    expect(calls).toBe(2);
  });
});

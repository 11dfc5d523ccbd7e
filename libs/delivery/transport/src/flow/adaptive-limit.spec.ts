import { AdaptiveLimit } from './adaptive-limit';

describe('AdaptiveLimit', () => {
  it('starts at the initial value, never above the ceiling', () => {
    expect(new AdaptiveLimit(4, 16).value).toBe(4);
    expect(new AdaptiveLimit(4, 2).value).toBe(2);
  });

  it('grows by one for each `limit` quick answers, up to the ceiling', () => {
    const limit = new AdaptiveLimit(2, 4);
    const quick = (times: number) => {
      for (let i = 0; i < times; i += 1) limit.record('quick', limit.generation);
    };
    quick(1);
    expect(limit.value).toBe(2);
    quick(1);
    expect(limit.value).toBe(3);
    quick(3);
    expect(limit.value).toBe(4);
    quick(100);
    expect(limit.value).toBe(4);
  });

  it('does not count a slow answer, nor a quick one while the limit held nothing back', () => {
    const limit = new AdaptiveLimit(2, 8);
    limit.record('quick', 0);
    limit.record('slow', 0);
    limit.record('quick', 0, false);
    expect(limit.value).toBe(2);
    limit.record('quick', 0);
    expect(limit.value).toBe(3);
  });

  it('halves on congestion, once for the requests sent before the cut, never below one', () => {
    const limit = new AdaptiveLimit(16, 16);
    const sentBefore = limit.generation;
    limit.record('congested', sentBefore);
    limit.record('congested', sentBefore);
    expect(limit.value).toBe(8);
    limit.record('congested', limit.generation);
    expect(limit.value).toBe(4);
    for (let i = 0; i < 5; i += 1) limit.record('congested', limit.generation);
    expect(limit.value).toBe(1);
  });
});

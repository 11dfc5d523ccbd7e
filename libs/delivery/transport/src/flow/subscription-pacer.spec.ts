import { SubscriptionPacer } from './subscription-pacer';

describe('SubscriptionPacer', () => {
  it('spaces a subscription’s deliveries evenly, each subscription on its own', () => {
    let now = 1_000;
    const pacer = new SubscriptionPacer(() => now);
    expect([1, 2, 3].map((n) => pacer.take('sub_a', 4, `d${n}`))).toEqual([1_000, 1_250, 1_500]);
    expect(pacer.take('sub_b', 4, 'other')).toBe(1_000);
    now = 5_000;
    expect(pacer.take('sub_a', 4, 'd4')).toBe(5_000);
  });

  it('gives a delivery put off for its moment that same moment back when it returns', () => {
    const now = 0;
    const pacer = new SubscriptionPacer(() => now);
    const moments = Array.from({ length: 5 }, (_, n) => pacer.take('sub_a', 1, `d${n}:0`));
    moments.forEach((at, n) => pacer.reserve(`d${n}:1`, at));
    expect(pacer.take('sub_a', 1, 'late')).toBe(5_000);
    expect(pacer.take('sub_a', 1, 'd3:1')).toBe(3_000);
    // Once only.
    expect(pacer.take('sub_a', 1, 'd3:1')).toBe(6_000);
  });
});

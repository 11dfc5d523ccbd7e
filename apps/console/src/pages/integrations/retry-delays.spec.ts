import { formatDelay, formatDelays } from './retry-delays';

describe('retry delays in words', () => {
  it.each([
    [5, '5 s'],
    [300, '5 min'],
    [5_400, '1 h 30 min'],
    [36_000, '10 h'],
    [90_061, '1 d 1 h 1 min 1 s'],
    [0, '0 s'],
  ])('%i s → %s', (seconds, words) => expect(formatDelay(seconds)).toBe(words));

  it("lists the webhook plugin's delays as one phrase", () => {
    expect(formatDelays([5, 300, 1_800, 7_200, 18_000, 36_000, 36_000])).toBe('5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h');
    expect(formatDelays([60])).toBe('1 min');
    expect(formatDelays([])).toBe('');
  });
});

import { messageCount, partitionLag, topicLag } from './consumer-lag';

describe('partitionLag', () => {
  it('counts from the committed offset up to the high watermark', () => {
    expect(partitionLag({ low: 0n, high: 10n, committed: 4n })).toBe(6n);
  });

  it('counts a partition the group never committed on from its low watermark', () => {
    expect(partitionLag({ low: 3n, high: 10n })).toBe(7n);
  });

  it('holds the committed offset within the watermarks', () => {
    expect(partitionLag({ low: 5n, high: 10n, committed: 2n })).toBe(5n);
    expect(partitionLag({ low: 0n, high: 10n, committed: 12n })).toBe(0n);
  });
});

describe('topicLag and messageCount', () => {
  it('sum over the partitions', () => {
    const partitions = [
      { low: 0n, high: 10n, committed: 10n },
      { low: 2n, high: 7n },
      { low: 0n, high: 4n, committed: 1n },
    ];
    expect(topicLag(partitions)).toBe(0 + 5 + 3);
    expect(messageCount(partitions)).toBe(10 + 5 + 4);
    expect(topicLag([])).toBe(0);
  });
});

import { OffsetTracker } from './offset-tracker';

describe('OffsetTracker', () => {
  it('commits below the lowest unfinished offset when messages finish out of order', () => {
    const tracker = new OffsetTracker();
    for (const offset of [5n, 6n, 7n]) tracker.dispatched('t', 0, offset);

    expect(tracker.finished('t', 0, 7n)).toBe(5n);
    expect(tracker.finished('t', 0, 6n)).toBeUndefined();
    expect(tracker.finished('t', 0, 5n)).toBe(8n);
  });

  it('keeps partitions apart', () => {
    const tracker = new OffsetTracker();
    tracker.dispatched('t', 0, 1n);
    tracker.dispatched('t', 1, 9n);
    expect(tracker.finished('t', 1, 9n)).toBe(10n);
    expect(tracker.finished('t', 0, 1n)).toBe(2n);
  });

  it('never moves a commit backwards and starts afresh after a reset', () => {
    const tracker = new OffsetTracker();
    tracker.dispatched('t', 0, 3n);
    expect(tracker.finished('t', 0, 3n)).toBe(4n);
    expect(tracker.finished('t', 0, 3n)).toBeUndefined();
    tracker.reset();
    tracker.dispatched('t', 0, 3n);
    expect(tracker.finished('t', 0, 3n)).toBe(4n);
  });
});

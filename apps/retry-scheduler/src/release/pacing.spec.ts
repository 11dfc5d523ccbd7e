import { firstRunAt, nextRunAfter, shouldRun } from './pacing';

describe('pacing of scheduled subscriptions', () => {
  const now = new Date('2026-01-01T10:00:00.000Z');

  it('schedules the next run frequencyMinutes after the run taken now', () => {
    expect(nextRunAfter(now, { frequencyMinutes: 1 }).toISOString()).toBe('2026-01-01T10:01:00.000Z');
    expect(nextRunAfter(now, { frequencyMinutes: 1440 }).toISOString()).toBe('2026-01-02T10:00:00.000Z');
  });

  it('lets a never-seen subscription run at once', () => {
    expect(shouldRun(firstRunAt(now), now, 1)).toBe(true);
  });

  it('runs only when it is time and something is due', () => {
    expect(shouldRun(new Date(now.getTime() + 1), now, 5)).toBe(false);
    expect(shouldRun(new Date(now.getTime() - 1), now, 0)).toBe(false);
    expect(shouldRun(now, now, 1)).toBe(true);
  });
});

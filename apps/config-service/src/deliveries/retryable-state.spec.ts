import { retryableStateFilter, stateRefusal, STUCK_AFTER_MS } from './retryable-state';

const now = new Date('2026-03-01T12:00:00.000Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

describe('stateRefusal: may a delivery in this state be retried by hand now?', () => {
  it('takes a delivery that ended without getting through', () => {
    for (const status of ['failed', 'abandoned', 'cancelled'] as const) expect(stateRefusal({ status }, now)).toBeUndefined();
  });

  it(`takes a retrying delivery whose next attempt is more than ${STUCK_AFTER_MS / 60_000} minutes overdue: its retry was lost`, () => {
    expect(stateRefusal({ status: 'retrying', dueAt: ago(STUCK_AFTER_MS + 1) }, now)).toBeUndefined();
    expect(stateRefusal({ status: 'retrying', dueAt: ago(24 * 60 * 60_000) }, now)).toBeUndefined();
  });

  it('refuses a retrying delivery not yet due, just due, or due exactly the margin ago, naming its due time', () => {
    for (const dueAt of [new Date(now.getTime() + 60_000), ago(60_000), ago(STUCK_AFTER_MS)]) {
      expect(stateRefusal({ status: 'retrying', dueAt }, now)).toBe(
        `it is retrying, its next attempt due ${dueAt.toISOString()}; wait until it has ended, or until 15 minutes past that time`,
      );
    }
  });

  it('refuses a retrying delivery without a due time (logged before it was recorded), and one pending or delivered', () => {
    expect(stateRefusal({ status: 'retrying', dueAt: null }, now)).toBe('it is retrying; wait until it has ended');
    expect(stateRefusal({ status: 'pending', dueAt: ago(STUCK_AFTER_MS * 2) }, now)).toBe('it is pending; wait until it has ended');
    expect(stateRefusal({ status: 'delivered' }, now)).toBe('it was delivered');
  });

  it('is what recover selects by', () => {
    expect(retryableStateFilter(now)).toEqual({
      $or: [{ status: { $in: ['failed', 'abandoned', 'cancelled'] } }, { status: 'retrying', dueAt: { $lt: ago(STUCK_AFTER_MS) } }],
    });
  });
});

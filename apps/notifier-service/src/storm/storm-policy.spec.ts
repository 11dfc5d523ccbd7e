import { stormDecision, windowEnd } from './storm-policy';

describe('stormDecision', () => {
  const policy = { maxPerWindow: 3, windowSeconds: 3600 };
  const now = new Date('2026-01-01T12:00:00Z');
  const open = (sentCount: number, endsAt = new Date('2026-01-01T12:30:00Z')) => ({ sentCount, endsAt });

  it('opens a window with the first notification of a subscription', () => {
    expect(stormDecision('delivery.failed', null, policy, now)).toBe('open-window');
  });

  it('e-mails up to the maximum within the window, then suppresses', () => {
    expect(stormDecision('delivery.failed', open(1), policy, now)).toBe('send');
    expect(stormDecision('delivery.abandoned', open(2), policy, now)).toBe('send');
    expect(stormDecision('delivery.failed', open(3), policy, now)).toBe('suppress');
    expect(stormDecision('delivery.failed', open(7), policy, now)).toBe('suppress');
  });

  it('opens a new window once the last one has ended (its end is exclusive)', () => {
    expect(stormDecision('delivery.failed', open(3, now), policy, now)).toBe('open-window');
    expect(stormDecision('delivery.failed', open(3, new Date(now.getTime() - 1)), policy, now)).toBe('open-window');
  });

  it('never suppresses subscription.disabled', () => {
    expect(stormDecision('subscription.disabled', open(99), policy, now)).toBe('exempt');
    expect(stormDecision('subscription.disabled', null, policy, now)).toBe('exempt');
  });

  it('ends a window windowSeconds after it started', () => {
    expect(windowEnd(now, policy)).toEqual(new Date('2026-01-01T13:00:00Z'));
  });
});

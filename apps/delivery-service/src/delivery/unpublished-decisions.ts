import type { DeliveryDecision } from './rules';

/** More are unlikely (one per message in flight); past it the oldest is forgotten and its attempt made again. */
const MAX_HELD = 10_000;

/**
 * Decisions whose records the broker did not take (an outage, a leader election). The consumer
 * handles the message again once the broker answers; the attempt was made already, so its
 * decision is published then instead of sending the request a second time, which during an
 * outage would repeat it at every backoff.
 */
export class UnpublishedDecisions {
  private readonly held = new Map<string, DeliveryDecision>();

  hold(key: string, decision: DeliveryDecision): void {
    this.held.delete(key);
    this.held.set(key, decision);
    if (this.held.size > MAX_HELD) this.held.delete(this.held.keys().next().value as string);
  }

  /** The decision held for `key`, forgotten as it is taken. */
  take(key: string): DeliveryDecision | undefined {
    const decision = this.held.get(key);
    this.held.delete(key);
    return decision;
  }
}

/**
 * A subscription's `rateLimit: {perSecond}`: each delivery takes the next free moment of its
 * subscription (at most perSecond a second, evenly spaced). A delivery whose moment is further off
 * than it may wait in memory goes to the retry path due then, and keeps its moment: `reserve`
 * remembers it under the key it comes back with, and `take` gives it back on its return.
 */
export class SubscriptionPacer {
  private readonly next = new Map<string, number>();
  private readonly reserved = new Map<string, number>();
  private sweptAt = 0;

  constructor(private readonly clock: () => number = Date.now) {}

  /** When the delivery may go (epoch ms): now, or its moment. `key` names the delivery and attempt. */
  take(subscriptionId: string, perSecond: number, key: string): number {
    const held = this.reserved.get(key);
    if (held !== undefined) {
      this.reserved.delete(key);
      return held;
    }
    const now = this.clock();
    const at = Math.max(now, this.next.get(subscriptionId) ?? now);
    this.next.set(subscriptionId, at + 1_000 / perSecond);
    return at;
  }

  /** Keeps `at` for the delivery that will come back as `key`. */
  reserve(key: string, at: number): void {
    const now = this.clock();
    // A delivery that never came back (another instance took it) is forgotten an hour after its moment.
    if (now - this.sweptAt > 60_000) {
      this.sweptAt = now;
      for (const [held, moment] of this.reserved) if (moment < now - 3_600_000) this.reserved.delete(held);
    }
    this.reserved.set(key, at);
  }
}

import { memoized } from './memoized';

/**
 * Bounds the attempts in flight to each endpoint (origin). When an endpoint is full — typically
 * because it hangs until its timeout — `tryAcquire` says no at once, so the caller can send that
 * delivery to the retry path instead of letting one endpoint hold up everyone else's.
 */
export class EndpointSlots {
  private readonly inFlight = new Map<string, number>();
  private readonly originOf = memoized((url: string) => new URL(url).origin);

  constructor(private readonly perEndpoint: number) {
    if (!Number.isInteger(perEndpoint) || perEndpoint < 1) throw new Error(`perEndpoint must be a positive integer, got ${perEndpoint}`);
  }

  /** A release function when a slot was free, otherwise undefined. Release exactly once. */
  tryAcquire(url: string): (() => void) | undefined {
    const endpoint = this.originOf(url);
    const count = this.inFlight.get(endpoint) ?? 0;
    if (count >= this.perEndpoint) return undefined;
    this.inFlight.set(endpoint, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const remaining = (this.inFlight.get(endpoint) ?? 1) - 1;
      if (remaining === 0) this.inFlight.delete(endpoint);
      else this.inFlight.set(endpoint, remaining);
    };
  }

  busy(url: string): number {
    return this.inFlight.get(this.originOf(url)) ?? 0;
  }
}

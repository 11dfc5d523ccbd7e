/**
 * Which offset may be committed on each partition while messages finish out of order: the lowest
 * offset still in flight, or one past the highest dispatched once all have finished. Committing
 * only below the lowest unfinished message is what keeps concurrent processing at-least-once.
 */
export class OffsetTracker {
  private readonly inFlight = new Map<string, Set<bigint>>();
  private readonly highest = new Map<string, bigint>();
  private readonly committed = new Map<string, bigint>();

  dispatched(topic: string, partition: number, offset: bigint): void {
    const key = `${topic}:${partition}`;
    let offsets = this.inFlight.get(key);
    if (!offsets) this.inFlight.set(key, (offsets = new Set()));
    offsets.add(offset);
    if ((this.highest.get(key) ?? -1n) < offset) this.highest.set(key, offset);
  }

  /** Marks an offset done; returns the offset to commit when the commit point moved forward. */
  finished(topic: string, partition: number, offset: bigint): bigint | undefined {
    const key = `${topic}:${partition}`;
    const offsets = this.inFlight.get(key);
    offsets?.delete(offset);
    const next = offsets && offsets.size > 0 ? min(offsets) : (this.highest.get(key) ?? offset) + 1n;
    if (next <= (this.committed.get(key) ?? -1n)) return undefined;
    this.committed.set(key, next);
    return next;
  }

  /** Forgets everything, e.g. after a rebalance, when fetching restarts from the committed offsets. */
  reset(): void {
    this.inFlight.clear();
    this.highest.clear();
    this.committed.clear();
  }
}

const min = (values: Set<bigint>): bigint => {
  let lowest: bigint | undefined;
  for (const value of values) if (lowest === undefined || value < lowest) lowest = value;
  return lowest as bigint;
};

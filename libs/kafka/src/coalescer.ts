/** How much one group may hold: at most `maxItems`, and items weighing at most `maxWeight` together. */
export interface CoalescerLimits<T> {
  readonly maxItems?: number;
  readonly maxWeight?: number;
  readonly weigh?: (item: T) => number;
  /**
   * How long a group short of `maxItems` waits for more before it is handled (default 0: at once).
   * Where each call has a high fixed cost (a database commit) this turns a steady trickle into
   * a few large groups, at the price of that much delay.
   */
  readonly lingerMs?: number;
  /**
   * A group holding this many items is handled without lingering (default maxItems). Under load
   * groups grow while the previous one is handled, and lingering would only add delay.
   */
  readonly lingerBelow?: number;
  /**
   * Whether a group's failure may be one item's fault, so each item is handled alone to find it
   * (default: always). An error that is nobody's item's fault (the broker or database is down)
   * fails every caller of the group at once: handling each alone would only repeat the wait.
   */
  readonly mayBeOneItem?: (error: unknown) => boolean;
}

interface Pending<T> {
  readonly item: T;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Hands what is submitted while `handle` is busy to its next call, as one group: with nothing under
 * way an item is handled at once (or after lingerMs, if set); under load many
 * callers share one round trip (a produce request, a transaction). Groups are handled one at a time
 * in submission order. Each caller's promise settles with the group that carried its item; if a
 * group fails, its items are handled one by one, so one bad item fails only its own caller (unless
 * `mayBeOneItem` says the error is not an item's: then every caller of the group fails with it).
 */
export class Coalescer<T> {
  private queue: Pending<T>[] = [];
  private busy = false;
  /** Ends the current linger early: the group is big enough. */
  private filled?: () => void;

  constructor(
    private readonly handle: (items: readonly T[]) => Promise<void>,
    private readonly limits: CoalescerLimits<T> = {},
  ) {}

  submit(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.queue.length >= this.lingerBelow()) this.filled?.();
      if (!this.busy) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.busy = true;
    while (this.queue.length > 0) {
      if (this.lingers()) await this.linger();
      const group = this.takeGroup();
      try {
        await this.handle(group.map(({ item }) => item));
        for (const pending of group) pending.resolve();
      } catch (error) {
        if (group.length === 1 || !(this.limits.mayBeOneItem?.(error) ?? true)) for (const pending of group) pending.reject(error);
        else for (const pending of group) await this.handle([pending.item]).then(pending.resolve, pending.reject);
      }
    }
    this.busy = false;
  }

  private lingers(): boolean {
    return (this.limits.lingerMs ?? 0) > 0 && this.queue.length < this.lingerBelow();
  }

  private lingerBelow(): number {
    return this.limits.lingerBelow ?? this.limits.maxItems ?? Infinity;
  }

  private async linger(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      this.filled = resolve;
      timer = setTimeout(resolve, this.limits.lingerMs);
    });
    clearTimeout(timer);
    this.filled = undefined;
  }

  private takeGroup(): Pending<T>[] {
    const { maxItems = Infinity, maxWeight = Infinity, weigh = () => 0 } = this.limits;
    let weight = 0;
    let count = 0;
    while (count < this.queue.length && count < maxItems) {
      const next = weigh(this.queue[count].item);
      if (count > 0 && weight + next > maxWeight) break;
      weight += next;
      count += 1;
    }
    return this.queue.splice(0, count);
  }
}

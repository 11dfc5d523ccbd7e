/**
 * At most `limit` deliveries of fresh events under way at once, however many subscriptions each
 * event fans out to, first come first served. The consumer bounds events in flight; an event to
 * hundreds of endpoints would otherwise queue hundreds of deliveries at each endpoint at once, and
 * their flow control would take the wait for a saturated endpoint and put deliveries off.
 */
export class DeliveryBudget {
  private used = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`limit must be a positive integer, got ${limit}`);
  }

  get inFlight(): number {
    return this.used;
  }

  /** Runs `delivery` once a place is free, and frees it when the delivery settles. */
  async run<T>(delivery: () => Promise<T>): Promise<T> {
    // A freed place passes straight to the longest waiter, so none is overtaken.
    if (this.used < this.limit) this.used += 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await delivery();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.used -= 1;
    }
  }
}

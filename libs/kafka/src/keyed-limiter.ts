/** Called back while a submit waits for a slot; rejecting abandons the submit (the task never runs). */
export interface WhileWaiting {
  readonly everyMs: number;
  readonly call: () => Promise<void>;
}

/**
 * Runs tasks with at most `limit` in flight; tasks sharing a key run one after another in the order
 * they were submitted (a subject's events stay in order), others run side by side.
 */
export class KeyedLimiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly tails = new Map<string, Promise<void>>();
  private readonly all = new Set<Promise<void>>();

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`limit must be a positive integer, got ${limit}`);
  }

  /**
   * Resolves once the task has a slot (so callers feel backpressure); the task then runs after the
   * previous task of the same key. `onError` gets a task's failure; the limiter keeps going. A
   * caller that must show signs of life while it waits (a group member's heartbeat) passes `whileWaiting`.
   */
  async submit(key: string | null, task: () => Promise<void>, onError: (error: unknown) => void, whileWaiting?: WhileWaiting): Promise<void> {
    while (this.running >= this.limit) {
      if (!(await this.slotFreed(whileWaiting?.everyMs))) await whileWaiting?.call();
    }
    this.running += 1;
    const previous = key === null ? undefined : this.tails.get(key);
    const run = (async () => {
      if (previous) await previous;
      await task();
    })()
      .catch(onError)
      .finally(() => {
        this.running -= 1;
        this.all.delete(run);
        if (key !== null && this.tails.get(key) === run) this.tails.delete(key);
        this.waiting.shift()?.();
      });
    if (key !== null) this.tails.set(key, run);
    this.all.add(run);
  }

  /** Resolves when every submitted task has finished. */
  async drain(): Promise<void> {
    while (this.all.size > 0) await Promise.all([...this.all]);
  }

  get inFlight(): number {
    return this.running;
  }

  /** True once a slot was freed; false after `timeoutMs` (when given) without one. */
  private slotFreed(timeoutMs?: number): Promise<boolean> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      // A waiter that gave up leaves the queue, so the next freed slot wakes one still waiting.
      const timer =
        timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              this.waiting.splice(this.waiting.indexOf(wake), 1);
              resolve(false);
            }, timeoutMs);
      this.waiting.push(wake);
    });
  }
}

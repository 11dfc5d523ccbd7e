/** How an answer speaks of the endpoint's load. */
export type LoadSignal = 'quick' | 'slow' | 'congested';

/**
 * An endpoint's concurrency limit, by additive increase and multiplicative decrease (as TCP): it
 * starts low, grows by one for every `limit` quick answers while the limit is what holds deliveries
 * back, and halves on a sign of congestion (429, 503, a timeout, a refused connection). A slow
 * answer only does not count. Answers to requests sent before the last cut say nothing new, so one
 * overload halves the limit once, not once per request then in flight.
 */
export class AdaptiveLimit {
  private current: number;
  private quick = 0;
  /** Bumped by every cut; a request remembers the generation it was sent in. */
  private cuts = 0;

  constructor(
    initial: number,
    private readonly ceiling: number,
  ) {
    this.current = Math.min(initial, ceiling);
  }

  get value(): number {
    return this.current;
  }

  /** What a request sent now must hand back to `record`. */
  get generation(): number {
    return this.cuts;
  }

  /** `limited`: deliveries were waiting for a slot, or every slot was taken, when the answer came. */
  record(signal: LoadSignal, sentInGeneration: number, limited = true): void {
    if (signal === 'congested') {
      this.quick = 0;
      if (sentInGeneration !== this.cuts) return;
      this.current = Math.max(1, Math.floor(this.current / 2));
      this.cuts += 1;
      return;
    }
    if (signal === 'slow' || !limited) return;
    this.quick += 1;
    if (this.quick >= this.current && this.current < this.ceiling) {
      this.current += 1;
      this.quick = 0;
    }
  }
}

import type { EndpointFlowV1 } from '@hookbus/contracts';
import type { Admission, Permit, PutOff } from './admission';
import type { EndpointFlowSettings } from './endpoint-flow-settings';
import { EndpointHealth } from './endpoint-health';

interface Waiter {
  readonly mayDefer: boolean;
  readonly admit: (admission: Admission) => void;
}

/**
 * Flow control for one endpoint (origin). A delivery goes when one of the endpoint's slots is free;
 * otherwise it waits its turn in memory, in arrival order, so a burst to a healthy endpoint goes out
 * as fast as the endpoint answers. The number of slots adapts (AdaptiveLimit). Only an endpoint that
 * is not answering spills deliveries to the retry path: requests held past its usual answer time
 * with no answer meanwhile, its queue full too long, a `Retry-After` pausing it, or its circuit open
 * (CircuitBreaker). A delivery put off that way was not sent: it uses up no retry.
 *
 * The gate keeps the books (slots taken, deliveries waiting); EndpointHealth decides from the
 * endpoint's answers when a delivery must be put off.
 */
export class EndpointGate {
  private readonly health: EndpointHealth;
  /** Requests under way: id → when sent. */
  private readonly sending = new Map<number, number>();
  private readonly waiters: Waiter[] = [];
  private nextRequest = 0;
  private fullSince?: number;
  private timer?: NodeJS.Timeout;

  constructor(
    readonly endpoint: string,
    private readonly settings: EndpointFlowSettings,
    private readonly clock: () => number = Date.now,
  ) {
    this.health = new EndpointHealth(endpoint, settings);
  }

  /**
   * Resolves when the delivery may go, or must be put off. `mayDefer: false` (a delivery put off
   * too often already) is never put off: it waits for a slot, pause and circuit aside.
   */
  admit(mayDefer = true): Promise<Admission> {
    const now = this.clock();
    const putOff = mayDefer ? this.putOffNow(now, true) : undefined;
    if (putOff) return Promise.resolve(putOff);
    if (this.waiters.length === 0 && this.mayGo(now, mayDefer)) return Promise.resolve(this.go(now));
    return new Promise((admit) => {
      this.waiters.push({ mayDefer, admit });
      if (this.waiters.length >= this.settings.queueLimit) this.fullSince ??= now;
      this.review();
    });
  }

  /** The endpoint's flow control as the delivery log shows it. */
  flow(): EndpointFlowV1 {
    return this.health.flow(this.clock());
  }

  get inFlight(): number {
    return this.sending.size;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  get timesOpened(): number {
    return this.health.timesOpened;
  }

  /** Nothing under way, waiting, paused or open: the gate may be forgotten. */
  get idle(): boolean {
    return this.sending.size === 0 && this.waiters.length === 0 && this.health.calm(this.clock());
  }

  private mayGo(now: number, mayDefer: boolean): boolean {
    if (this.sending.size >= this.health.limit.value) return false;
    return !mayDefer || this.health.allowsSending(now);
  }

  private go(now: number): Admission {
    const id = this.nextRequest++;
    const generation = this.health.limit.generation;
    this.sending.set(id, now);
    let done = false;
    const permit: Permit = {
      done: (result) => {
        if (done) return undefined;
        done = true;
        this.sending.delete(id);
        // Whether the limit held deliveries back: only then does a quick answer say it may grow.
        const limited = this.waiters.length > 0 || this.sending.size + 1 >= this.health.limit.value;
        const paused = this.health.learn(result, generation, limited, this.clock());
        this.review();
        return paused ? this.health.paused(this.clock()) : undefined;
      },
    };
    return { go: true, permit };
  }

  /** Why a delivery must be put off now, if it must; only an arriving one is put off for a full queue. */
  private putOffNow(now: number, arriving: boolean): PutOff | undefined {
    const putOff = this.health.putOffNow(now, this.oldestSentAt());
    if (putOff) return putOff;
    const fullMs = this.fullSince === undefined ? 0 : now - this.fullSince;
    return arriving && fullMs > this.settings.queueFullMs ? this.health.saturated(now, this.waiters.length, fullMs) : undefined;
  }

  /** When the oldest request under way was sent; Infinity when none is. */
  private oldestSentAt(): number {
    let oldest = Infinity;
    for (const sentAt of this.sending.values()) oldest = Math.min(oldest, sentAt);
    return oldest;
  }

  // Lets waiters go while slots are free, puts off the deferrable ones once the endpoint stopped
  // answering, and wakes up again when that may change while some still wait.
  private review(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const now = this.clock();
    while (this.waiters.length > 0 && this.mayGo(now, this.waiters[0].mayDefer)) this.waiters.shift()?.admit(this.go(now));
    if (this.waiters.length > 0 && this.putOffNow(now, false)) {
      const kept: Waiter[] = [];
      for (const waiter of this.waiters) {
        const putOff = waiter.mayDefer && this.putOffNow(now, false);
        if (putOff) waiter.admit(putOff);
        else kept.push(waiter);
      }
      this.waiters.splice(0, this.waiters.length, ...kept);
    }
    if (this.waiters.length < this.settings.queueLimit) this.fullSince = undefined;
    const wake = this.waiters.length > 0 ? this.health.nextChange(now, this.oldestSentAt()) : undefined;
    if (wake !== undefined) this.timer = setTimeout(() => this.review(), Math.max(1, wake - now)).unref();
  }
}

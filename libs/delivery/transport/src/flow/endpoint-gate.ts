import type { EndpointFlowV1 } from '@hookbus/contracts';
import { headerValue, parseRetryAfter } from '@hookbus/delivery-sdk';
import type { SendResult } from '../send-result';
import { AdaptiveLimit, type LoadSignal } from './adaptive-limit';
import { CircuitBreaker } from './circuit-breaker';
import type { EndpointFlowSettings } from './endpoint-flow-settings';

/** To the retry path until `until` (epoch ms), for `reason`: nothing was sent, no retry is used up. */
export interface PutOff {
  readonly go: false;
  readonly until: number;
  readonly reason: string;
}

/**
 * A slot to send one request. `done` hands it back with how the request went (call it once) and
 * says whether the delivery must be put off after all: its answer paused the endpoint.
 */
export interface Permit {
  done(result: SendResult): PutOff | undefined;
}

export type Admission = { readonly go: true; readonly permit: Permit } | PutOff;

interface Waiter {
  readonly mayDefer: boolean;
  readonly admit: (admission: Admission) => void;
}

// Up to this share of a wait is added, so deliveries put off together do not all come back at once:
// a wide spread where the endpoint chose nothing (hundreds returning within a second cost everyone
// else a burst of CPU), a narrow one after the time it asked for.
const WIDE_SPREAD = 0.5;
const NARROW_SPREAD = 0.1;

/**
 * Flow control for one endpoint (origin). A delivery goes when one of the endpoint's slots is free;
 * otherwise it waits its turn in memory, in arrival order, so a burst to a healthy endpoint goes out
 * as fast as the endpoint answers. The number of slots adapts (AdaptiveLimit). Only an endpoint that
 * is not answering spills deliveries to the retry path: requests held past its usual answer time
 * with no answer meanwhile, its queue full too long, a `Retry-After` pausing it, or its circuit open
 * (CircuitBreaker). A delivery put off that way was not sent: it uses up no retry.
 */
export class EndpointGate {
  private readonly limit: AdaptiveLimit;
  private readonly circuit: CircuitBreaker;
  /** Requests under way: id → when sent. */
  private readonly sending = new Map<number, number>();
  private readonly waiters: Waiter[] = [];
  private nextRequest = 0;
  private lastAnswerAt = -Infinity;
  private pausedUntil = 0;
  private fullSince?: number;
  private usualMs?: number;
  private retreats = 0;
  private retreatUntil = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    readonly endpoint: string,
    private readonly settings: EndpointFlowSettings,
    private readonly clock: () => number = Date.now,
  ) {
    this.limit = new AdaptiveLimit(settings.initialConcurrency, settings.maxConcurrency);
    this.circuit = new CircuitBreaker(settings.circuit);
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
    const now = this.clock();
    const circuit = this.circuit.state(now);
    const until = circuit === 'open' ? this.circuit.reopensAt : this.pausedUntil > now ? this.pausedUntil : undefined;
    return { concurrency: this.limit.value, circuit, ...(until === undefined ? {} : { until: new Date(until).toISOString() }) };
  }

  get inFlight(): number {
    return this.sending.size;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  get timesOpened(): number {
    return this.circuit.timesOpened;
  }

  /** Nothing under way, waiting, paused or open: the gate may be forgotten. */
  get idle(): boolean {
    const now = this.clock();
    return this.sending.size === 0 && this.waiters.length === 0 && this.pausedUntil <= now && this.circuit.state(now) === 'closed';
  }

  private mayGo(now: number, mayDefer: boolean): boolean {
    if (this.sending.size >= this.limit.value) return false;
    return !mayDefer || (this.pausedUntil <= now && this.circuit.allows(now));
  }

  private go(now: number): Admission {
    const id = this.nextRequest++;
    const generation = this.limit.generation;
    this.sending.set(id, now);
    let done = false;
    const permit: Permit = {
      done: (result) => {
        if (done) return undefined;
        done = true;
        this.sending.delete(id);
        const paused = this.learn(result, generation);
        this.review();
        return paused ? this.paused(this.clock()) : undefined;
      },
    };
    return { go: true, permit };
  }

  /** Why a delivery must be put off now, if it must. */
  private putOffNow(now: number, arriving: boolean): PutOff | undefined {
    if (this.pausedUntil > now) return this.paused(now);
    if (this.circuit.state(now) === 'open') {
      return this.putOff(this.circuit.reopensAt, WIDE_SPREAD * this.settings.circuit.coolDownMs, `circuit_open: ${this.endpoint} failed ${this.settings.circuit.failures} times in a row`);
    }
    const silentMs = this.silentFor(now);
    if (silentMs !== undefined) return this.putOff(this.retreat(now), WIDE_SPREAD * this.settings.retreatMs, `endpoint_not_answering: no answer from ${this.endpoint} for ${silentMs} ms`);
    const fullMs = this.fullSince === undefined ? 0 : now - this.fullSince;
    if (arriving && fullMs > this.settings.queueFullMs) {
      return this.putOff(this.retreat(now), WIDE_SPREAD * this.settings.retreatMs, `endpoint_saturated: ${this.waiters.length} deliveries waited for ${this.endpoint} for ${fullMs} ms`);
    }
    return undefined;
  }

  private paused(now: number): PutOff {
    return this.putOff(this.pausedUntil, NARROW_SPREAD * (this.pausedUntil - now), `endpoint_paused: ${this.endpoint} asked to wait (Retry-After)`);
  }

  private putOff(until: number, spreadMs: number, reason: string): PutOff {
    return { go: false, until: Math.round(until + Math.random() * spreadMs), reason };
  }

  /** How long requests have been held with no answer at all, when longer than the endpoint's usual answer time allows. */
  private silentFor(now: number): number | undefined {
    let oldest = Infinity;
    for (const sentAt of this.sending.values()) oldest = Math.min(oldest, sentAt);
    const silentMs = now - Math.max(oldest, this.lastAnswerAt);
    return oldest !== Infinity && silentMs > this.stallMs() ? silentMs : undefined;
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
    const wake = this.waiters.length > 0 ? this.nextChange(now) : undefined;
    if (wake !== undefined) this.timer = setTimeout(() => this.review(), Math.max(1, wake - now)).unref();
  }

  // The earliest time a waiter's fate may change without an answer: the pause or cool-down ends,
  // or the requests under way have been silent too long.
  private nextChange(now: number): number | undefined {
    let oldest = Infinity;
    for (const sentAt of this.sending.values()) oldest = Math.min(oldest, sentAt);
    const candidates = [
      this.pausedUntil > now ? this.pausedUntil : Infinity,
      this.circuit.state(now) === 'open' ? this.circuit.reopensAt : Infinity,
      Math.max(oldest, this.lastAnswerAt) + this.stallMs() + 1,
    ];
    const wake = Math.min(...candidates);
    return Number.isFinite(wake) ? wake : undefined;
  }

  /** Takes what an answer (or its absence) says about the endpoint; true when it paused it. */
  private learn(result: SendResult, generation: number): boolean {
    const now = this.clock();
    // Whether the limit held deliveries back: only then does a quick answer say it may grow.
    const limited = this.waiters.length > 0 || this.sending.size + 1 >= this.limit.value;
    if (result.kind === 'error') {
      // An address refused or a request that could not be written: the endpoint was never asked.
      if (result.error === 'ssrf_refused' || result.error === 'protocol') return false;
      this.circuit.failed(now);
      if (result.error === 'timeout' || result.error === 'connection') this.limit.record('congested', generation);
      return false;
    }
    this.lastAnswerAt = now;
    this.retreats = 0;
    const signal = this.signalOf(result.status, result.durationMs);
    this.usualMs = this.usualMs === undefined ? result.durationMs : this.usualMs + (result.durationMs - this.usualMs) / 10;
    const { status } = result;
    if (status >= 500) this.circuit.failed(now);
    else this.circuit.succeeded();
    this.limit.record(signal, generation, limited);
    const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(headerValue(result.headers, 'retry-after'), now) : undefined;
    if (retryAfterMs === undefined || retryAfterMs <= 0) return false;
    this.pausedUntil = Math.max(this.pausedUntil, now + Math.min(retryAfterMs, this.settings.maxPauseMs));
    return true;
  }

  private signalOf(status: number, durationMs: number): LoadSignal {
    if (status === 429 || status === 503) return 'congested';
    // Quick: no slower than twice its usual answer time (plus a little, for loopback jitter).
    return durationMs <= 2 * (this.usualMs ?? durationMs) + 5 ? 'quick' : 'slow';
  }

  private stallMs(): number {
    return Math.max(this.settings.stallFloorMs, this.settings.stallFactor * (this.usualMs ?? 0));
  }

  // One retreat per silence: deliveries put off meanwhile come back together; each new silence
  // waits twice as long, until the endpoint answers again.
  private retreat(now: number): number {
    if (now >= this.retreatUntil) {
      this.retreatUntil = now + Math.min(this.settings.retreatMs * 2 ** Math.min(this.retreats, 20), this.settings.maxRetreatMs);
      this.retreats += 1;
    }
    return this.retreatUntil;
  }
}

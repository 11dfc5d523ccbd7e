import type { EndpointFlowV1 } from '@hookbus/contracts';
import { headerValue, parseRetryAfter } from '@hookbus/delivery-sdk';
import type { SendResult } from '../send-result';
import { AdaptiveLimit, type LoadSignal } from './adaptive-limit';
import type { PutOff } from './admission';
import { CircuitBreaker } from './circuit-breaker';
import type { EndpointFlowSettings } from './endpoint-flow-settings';

// Up to this share of a wait is added, so deliveries put off together do not all come back at once:
// a wide spread where the endpoint chose nothing (hundreds returning within a second cost everyone
// else a burst of CPU), a narrow one after the time it asked for.
const WIDE_SPREAD = 0.5;
const NARROW_SPREAD = 0.1;

/**
 * What an endpoint's answers (or their absence) say about it, and the put-offs that follow: its
 * concurrency limit (AdaptiveLimit), its circuit (CircuitBreaker), its usual answer time, a
 * `Retry-After` pause, and the retreat while it stays silent. EndpointGate keeps the deliveries
 * waiting and under way, and asks this whether one may go.
 */
export class EndpointHealth {
  readonly limit: AdaptiveLimit;
  private readonly circuit: CircuitBreaker;
  private lastAnswerAt = -Infinity;
  private pausedUntil = 0;
  private usualMs?: number;
  private retreats = 0;
  private retreatUntil = 0;

  constructor(
    private readonly endpoint: string,
    private readonly settings: EndpointFlowSettings,
  ) {
    this.limit = new AdaptiveLimit(settings.initialConcurrency, settings.maxConcurrency);
    this.circuit = new CircuitBreaker(settings.circuit);
  }

  get timesOpened(): number {
    return this.circuit.timesOpened;
  }

  /** Neither paused nor open: nothing here is worth remembering. */
  calm(now: number): boolean {
    return this.pausedUntil <= now && this.circuit.state(now) === 'closed';
  }

  /** Whether a delivery that may be put off may be sent now, given a free slot; when half-open, this takes the one probe. */
  allowsSending(now: number): boolean {
    return this.pausedUntil <= now && this.circuit.allows(now);
  }

  flow(now: number): EndpointFlowV1 {
    const circuit = this.circuit.state(now);
    const until = circuit === 'open' ? this.circuit.reopensAt : this.pausedUntil > now ? this.pausedUntil : undefined;
    return { concurrency: this.limit.value, circuit, ...(until === undefined ? {} : { until: new Date(until).toISOString() }) };
  }

  /**
   * Why a delivery must be put off now, if it must: the endpoint paused, its circuit open, or its
   * oldest request under way (`oldestSentAt`, Infinity when none) held longer than its usual answer
   * time allows with no answer meanwhile.
   */
  putOffNow(now: number, oldestSentAt: number): PutOff | undefined {
    if (this.pausedUntil > now) return this.paused(now);
    if (this.circuit.state(now) === 'open') {
      return this.putOff(this.circuit.reopensAt, WIDE_SPREAD * this.settings.circuit.coolDownMs, `circuit_open: ${this.endpoint} failed ${this.settings.circuit.failures} times in a row`);
    }
    const silentMs = now - Math.max(oldestSentAt, this.lastAnswerAt);
    if (oldestSentAt !== Infinity && silentMs > this.stallMs()) {
      return this.putOff(this.retreat(now), WIDE_SPREAD * this.settings.retreatMs, `endpoint_not_answering: no answer from ${this.endpoint} for ${silentMs} ms`);
    }
    return undefined;
  }

  /** An arriving delivery put off because `waiting` deliveries have kept the queue full for `fullMs`. */
  saturated(now: number, waiting: number, fullMs: number): PutOff {
    return this.putOff(this.retreat(now), WIDE_SPREAD * this.settings.retreatMs, `endpoint_saturated: ${waiting} deliveries waited for ${this.endpoint} for ${fullMs} ms`);
  }

  paused(now: number): PutOff {
    return this.putOff(this.pausedUntil, NARROW_SPREAD * (this.pausedUntil - now), `endpoint_paused: ${this.endpoint} asked to wait (Retry-After)`);
  }

  // The earliest time a waiter's fate may change without an answer: the pause or cool-down ends,
  // or the requests under way have been silent too long.
  nextChange(now: number, oldestSentAt: number): number | undefined {
    const candidates = [
      this.pausedUntil > now ? this.pausedUntil : Infinity,
      this.circuit.state(now) === 'open' ? this.circuit.reopensAt : Infinity,
      Math.max(oldestSentAt, this.lastAnswerAt) + this.stallMs() + 1,
    ];
    const wake = Math.min(...candidates);
    return Number.isFinite(wake) ? wake : undefined;
  }

  /**
   * Takes what an answer (or its absence) says about the endpoint; true when it paused it.
   * `limited`: the limit held deliveries back, so a quick answer says it may grow.
   */
  learn(result: SendResult, generation: number, limited: boolean, now: number): boolean {
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

  private putOff(until: number, spreadMs: number, reason: string): PutOff {
    return { go: false, until: Math.round(until + Math.random() * spreadMs), reason };
  }
}

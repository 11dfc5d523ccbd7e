import type { CircuitState } from './endpoint-flow-settings';

export interface CircuitSettings {
  /** Consecutive failures (no answer, a timeout, a 5xx) that open the circuit… */
  readonly failures: number;
  /** …when none came longer than this after the one before. */
  readonly windowMs: number;
  /** How long it stays open the first time; each time a probe fails again, twice as long… */
  readonly coolDownMs: number;
  /** …up to this. */
  readonly maxCoolDownMs: number;
}

/**
 * An endpoint's circuit. Closed, requests go. After `failures` consecutive failures, each within
 * `windowMs` of the one before, it opens: no request for a cool-down. The gap, not the streak's
 * span, is bounded: an endpoint that holds every request until it times out fails only once per
 * timeout, and must still open the circuit. Then it half-opens: one probe goes; its answer
 * closes the circuit, its failure opens it again for twice as long.
 */
export class CircuitBreaker {
  private failures = 0;
  private lastFailureAt = 0;
  private openUntil = 0;
  private coolDownMs: number;
  private probing = false;
  private opened = 0;

  constructor(private readonly settings: CircuitSettings) {
    this.coolDownMs = settings.coolDownMs;
  }

  state(now: number): CircuitState {
    if (this.openUntil === 0) return 'closed';
    return now < this.openUntil ? 'open' : 'half-open';
  }

  /** While open: when it half-opens. */
  get reopensAt(): number {
    return this.openUntil;
  }

  /** How many times it has opened: its history, for metrics. */
  get timesOpened(): number {
    return this.opened;
  }

  /** Whether a request may go now; in half-open state only one, the probe, until its answer. */
  allows(now: number): boolean {
    const state = this.state(now);
    if (state === 'closed') return true;
    if (state === 'open' || this.probing) return false;
    this.probing = true;
    return true;
  }

  /** The endpoint answered (any status but 5xx): the circuit closes, failures start again from zero. */
  succeeded(): void {
    this.failures = 0;
    this.openUntil = 0;
    this.probing = false;
    this.coolDownMs = this.settings.coolDownMs;
  }

  /** No answer, a timeout or a 5xx. */
  failed(now: number): void {
    if (this.probing) {
      this.probing = false;
      this.coolDownMs = Math.min(this.coolDownMs * 2, this.settings.maxCoolDownMs);
      this.open(now);
      return;
    }
    if (now - this.lastFailureAt > this.settings.windowMs) this.failures = 0;
    this.lastFailureAt = now;
    this.failures += 1;
    if (this.failures >= this.settings.failures && this.state(now) === 'closed') this.open(now);
  }

  private open(now: number): void {
    this.openUntil = now + this.coolDownMs;
    this.failures = 0;
    this.opened += 1;
  }
}

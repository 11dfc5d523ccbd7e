import type { EndpointFlowV1 } from '@hookbus/contracts';
import type { CircuitSettings } from './circuit-breaker';

export type CircuitState = EndpointFlowV1['circuit'];

/** How delivery-service treats each endpoint (origin); see EndpointGate. */
export interface EndpointFlowSettings {
  /** Concurrency a new endpoint starts with… */
  readonly initialConcurrency: number;
  /** …and the most it may grow to (DELIVERY_MAX_PER_ENDPOINT). */
  readonly maxConcurrency: number;
  /** An endpoint whose oldest request is older than this (or than `stallFactor` × its usual answer time) is not answering. */
  readonly stallFloorMs: number;
  readonly stallFactor: number;
  /** Deliveries that may wait for a slot before the queue counts as full… */
  readonly queueLimit: number;
  /** …and how long it may stay full before further deliveries go to the retry path. */
  readonly queueFullMs: number;
  /** When a not-answering endpoint's deliveries come back: after this, doubling while it stays silent… */
  readonly retreatMs: number;
  /** …up to this. */
  readonly maxRetreatMs: number;
  /** The longest pause a `Retry-After` may impose on an endpoint. */
  readonly maxPauseMs: number;
  readonly circuit: CircuitSettings;
}

export const DEFAULT_ENDPOINT_FLOW: EndpointFlowSettings = {
  initialConcurrency: 4,
  maxConcurrency: 32,
  stallFloorMs: 1_000,
  stallFactor: 10,
  queueLimit: 32,
  queueFullMs: 1_000,
  retreatMs: 10_000,
  maxRetreatMs: 5 * 60_000,
  maxPauseMs: 10 * 60_000,
  circuit: { failures: 5, windowMs: 60_000, coolDownMs: 30_000, maxCoolDownMs: 5 * 60_000 },
};

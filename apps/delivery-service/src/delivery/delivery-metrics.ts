import type { DeliveryAttemptRecordV1 } from '@hookbus/contracts';
import type { EndpointGate, EndpointGates } from '@hookbus/delivery-transport';
import { counter, gauge, histogram } from '@hookbus/platform';

const attempts = counter({
  name: 'hookbus_delivery_attempts_total',
  help: 'Delivery attempts logged, by plugin and outcome (pending and cancelled included)',
  labelNames: ['plugin', 'outcome'],
});

const attemptDuration = histogram({
  name: 'hookbus_delivery_attempt_duration_seconds',
  help: "How long an attempt's HTTP call took (to the answer read, or the transport error), by plugin and outcome; attempts not sent (put off, scheduled, cancelled) are left out",
  labelNames: ['plugin', 'outcome'],
  // From a receiver next door up to the plugins' timeouts (15 s, postback 30 s).
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30],
});

/** Counts a logged attempt and times it if it went out. */
export function observeAttempt({ plugin, outcome, response, durationMs }: DeliveryAttemptRecordV1): void {
  attempts.inc({ plugin, outcome });
  // No answer and no time taken: nothing went out (put off, scheduled, cancelled, not rendered). A
  // transport error within half a millisecond reads the same; too few to move a quantile.
  if (response !== undefined || durationMs > 0) attemptDuration.observe({ plugin, outcome }, durationMs / 1000);
}

const putOffs = counter({
  name: 'hookbus_deliveries_put_off_total',
  help: 'Attempts put off to the retry path without being sent, by why (endpoint_paused, circuit_open, endpoint_not_answering, endpoint_saturated, rate_limited)',
  labelNames: ['why'],
});

/** `reason` reads `<why>: <detail>`. */
export const countPutOff = (reason: string): void => putOffs.inc({ why: reason.slice(0, reason.indexOf(':')) });

const dispatchLag = histogram({
  name: 'hookbus_event_dispatch_lag_seconds',
  help: "Time from an event's Kafka timestamp to delivery-service taking it up: broker, fetch and waiting for a free slot",
  buckets: [0.001, 0.002, 0.005, 0.01, 0.015, 0.02, 0.03, 0.05, 0.075, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 300],
});

/** `timestamp` is the record's (producer-set) time in epoch ms; another host's clock may run ahead. */
export const observeDispatchLag = (timestamp: string): void => dispatchLag.observe(Math.max(0, Date.now() - Number(timestamp)) / 1000);

/** Each endpoint's flow control, read at scrape time; the label is the endpoint's origin. */
export function observeEndpoints(gates: EndpointGates): void {
  const each = (name: string, help: string, value: (gate: EndpointGate) => number) =>
    gauge({
      name,
      help,
      labelNames: ['endpoint'],
      collect() {
        this.reset();
        for (const gate of gates.all()) this.set({ endpoint: gate.endpoint }, value(gate));
      },
    });
  each('hookbus_endpoint_concurrency', "An endpoint's concurrency limit now (adaptive)", (gate) => gate.flow().concurrency);
  each('hookbus_endpoint_in_flight', 'Attempts under way to an endpoint', (gate) => gate.inFlight);
  each('hookbus_endpoint_waiting', 'Deliveries waiting in memory for a slot of an endpoint', (gate) => gate.waiting);
  each('hookbus_endpoint_circuit_state', "An endpoint's circuit: 0 closed, 1 half-open, 2 open", (gate) => CIRCUIT_CODES[gate.flow().circuit]);
  each('hookbus_endpoint_circuit_opened', 'How many times an endpoint\'s circuit opened since delivery-service started (or the endpoint was last idle)', (gate) => gate.timesOpened);
}

const CIRCUIT_CODES = { closed: 0, 'half-open': 1, open: 2 } as const;

import type { DeliveryStatus } from '@hookbus/contracts';
import type { EndpointGate, EndpointGates } from '@hookbus/delivery-transport';
import { counter, gauge, histogram } from '@hookbus/platform';

const attempts = counter({
  name: 'hookbus_delivery_attempts_total',
  help: 'Delivery attempts logged, by plugin and outcome (pending and cancelled included)',
  labelNames: ['plugin', 'outcome'],
});

export const countAttempt = (plugin: string, outcome: DeliveryStatus): void => attempts.inc({ plugin, outcome });

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

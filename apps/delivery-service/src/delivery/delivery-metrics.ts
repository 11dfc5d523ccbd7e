import type { DeliveryStatus } from '@hookbus/contracts';
import { counter, histogram } from '@hookbus/platform';

const attempts = counter({
  name: 'hookbus_delivery_attempts_total',
  help: 'Delivery attempts logged, by plugin and outcome (pending and cancelled included)',
  labelNames: ['plugin', 'outcome'],
});

export const countAttempt = (plugin: string, outcome: DeliveryStatus): void => attempts.inc({ plugin, outcome });

const dispatchLag = histogram({
  name: 'hookbus_event_dispatch_lag_seconds',
  help: "Time from an event's Kafka timestamp to delivery-service taking it up: broker, fetch and waiting for a free slot",
  buckets: [0.001, 0.002, 0.005, 0.01, 0.015, 0.02, 0.03, 0.05, 0.075, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 300],
});

/** `timestamp` is the record's (producer-set) time in epoch ms; another host's clock may run ahead. */
export const observeDispatchLag = (timestamp: string): void => dispatchLag.observe(Math.max(0, Date.now() - Number(timestamp)) / 1000);

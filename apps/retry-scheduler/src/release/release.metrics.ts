import { Histogram } from 'prom-client';
import { counter, metricsRegistry } from '@hookbus/platform';

/** Retry records published, by whether a subscription's schedule paced them. */
export const releasedTotal = counter({
  name: 'hookbus_retry_released_total',
  help: 'Retry records released to hookbus.deliveries.retry.v1',
  labelNames: ['paced'] as const,
});

/** Records found already published during a crash recovery (and therefore not published again). */
export const recoveredTotal = counter({
  name: 'hookbus_retry_recovered_total',
  help: 'Claimed records found already published on the retry topic after an expired claim',
});

// The same name yields the same histogram: apps may be created twice in one test process.
const existing = metricsRegistry.getSingleMetric('hookbus_retry_release_lateness_seconds') as Histogram<'paced'> | undefined;

/** Release time minus dueAt: how late the scheduler is (pacing delays included for paced rows). */
export const releaseLateness =
  existing ??
  new Histogram({
    name: 'hookbus_retry_release_lateness_seconds',
    help: 'Time from a record being due to it being released',
    labelNames: ['paced'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600],
    registers: [metricsRegistry],
  });

/** Schedule rows of paced subscriptions deleted once idle (see SchedulePruning). */
export const schedulesPrunedTotal = counter({
  name: 'hookbus_retry_schedules_pruned_total',
  help: 'Idle schedule rows of paced subscriptions deleted by retention',
});

/** Released rows deleted once older than RETRY_TOMBSTONE_DAYS. */
export const tombstonesPrunedTotal = counter({
  name: 'hookbus_retry_tombstones_pruned_total',
  help: 'Released tombstones deleted by retention',
});

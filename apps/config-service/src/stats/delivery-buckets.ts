import { DELIVERY_STATUSES, type DeliveryStatus } from '@hookbus/contracts';

/** One row of the stats query: how many deliveries created in a bucket are in a status now. */
export interface StatusCount {
  /** Epoch milliseconds of the bucket's start. */
  readonly start: number;
  readonly status: string;
  readonly count: number;
}

/** A bar of the deliveries chart: its start (ISO, UTC) and a count for every delivery status. */
export type DeliveryBucket = { start: string } & Record<DeliveryStatus, number>;

const isStatus = (status: string): status is DeliveryStatus => (DELIVERY_STATUSES as readonly string[]).includes(status);

/**
 * The buckets at `starts`, in that order, with the counts of `rows`: a bucket or a status without a
 * row counts 0, so a chart has a bar for every hour or day of the window even when nothing was sent.
 */
export function fillBuckets(starts: readonly number[], rows: readonly StatusCount[]): DeliveryBucket[] {
  const buckets = new Map(starts.map((start) => [start, emptyBucket(start)]));
  for (const { start, status, count } of rows) {
    const bucket = buckets.get(start);
    if (bucket && isStatus(status)) bucket[status] += count;
  }
  return [...buckets.values()];
}

function emptyBucket(start: number): DeliveryBucket {
  const counts = Object.fromEntries(DELIVERY_STATUSES.map((status) => [status, 0])) as Record<DeliveryStatus, number>;
  return { start: new Date(start).toISOString(), ...counts };
}

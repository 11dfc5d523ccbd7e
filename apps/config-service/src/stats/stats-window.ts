/** The sizes of a stats bucket: UTC hours or UTC days. */
export const BUCKETS = ['hour', 'day'] as const;
export type Bucket = (typeof BUCKETS)[number];

// Unix time has no leap seconds: every UTC hour and day is exactly this long, counted from the epoch.
export const BUCKET_MS: Readonly<Record<Bucket, number>> = { hour: 3_600_000, day: 86_400_000 };

/** How far back a window reaches when `since` is not given: a day of hours, a week of days. */
export const DEFAULT_SPAN_MS: Readonly<Record<Bucket, number>> = { hour: 24 * BUCKET_MS.hour, day: 7 * BUCKET_MS.day };

/** A chart has at most this many bars (hours: about 41 days; days: about 2.7 years). */
export const MAX_BUCKETS = 1_000;

/** A time window, `since` included and `until` excluded. */
export interface TimeWindow {
  readonly since: Date;
  readonly until: Date;
}

/** Epoch milliseconds of the start of the UTC hour or day `time` falls in. */
export function bucketStart(time: number, bucket: Bucket): number {
  const size = BUCKET_MS[bucket];
  return time - (((time % size) + size) % size);
}

/** How many buckets the window touches: the first and the last may lie partly outside it. */
export const bucketCount = ({ since, until }: TimeWindow, bucket: Bucket): number =>
  (bucketStart(until.getTime() - 1, bucket) - bucketStart(since.getTime(), bucket)) / BUCKET_MS[bucket] + 1;

/** The start of every bucket the window touches, oldest first (epoch milliseconds). */
export function bucketStarts(window: TimeWindow, bucket: Bucket): number[] {
  const first = bucketStart(window.since.getTime(), bucket);
  return Array.from({ length: bucketCount(window, bucket) }, (_, index) => first + index * BUCKET_MS[bucket]);
}

// Small statistics for the benchmark's figures.

/** The q-quantile (0..1) of sorted values, nearest rank. */
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];

/** p50, p99 and max of a list of milliseconds. */
export function latencySummary(values) {
  const sorted = Float64Array.from(values).sort();
  return { n: sorted.length, p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), max: sorted[sorted.length - 1] };
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values) {
  const sorted = Float64Array.from(values).sort();
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * The sustained part of a stream of arrival times: between its 10th and 90th percentile, so that
 * start-up (group join, connection set-up) and the tail do not count. `{ from, to }` in ms, `count`
 * arrivals in between, `perSecond` their rate.
 */
export function sustainedWindow(times) {
  const sorted = Float64Array.from(times).sort();
  const [first, last] = [Math.floor(sorted.length * 0.1), Math.floor(sorted.length * 0.9)];
  const [from, to, count] = [sorted[first], sorted[last], last - first];
  return { from, to, count, perSecond: (count / (to - from)) * 1000 };
}

/** The value of a series of `[time, value]` samples (time-ordered) at `time`, linearly interpolated. */
export function valueAt(samples, time) {
  const after = samples.findIndex(([at]) => at >= time);
  if (after <= 0) return samples[Math.max(after, 0)][1];
  const [[t0, v0], [t1, v1]] = [samples[after - 1], samples[after]];
  return v0 + ((v1 - v0) * (time - t0)) / (t1 - t0);
}

export const round = (value, digits = 0) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : value);

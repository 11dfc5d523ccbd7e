// Small statistics for the benchmark's figures.

/** The q-quantile (0..1) of sorted values, nearest rank. */
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];

/** p50, p99 and max of a list of milliseconds. */
export function latencySummary(values) {
  const sorted = Float64Array.from(values).sort();
  return { n: sorted.length, p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), max: sorted[sorted.length - 1] };
}

/**
 * The sustained rate (per second) of a stream of arrival times: between its 10th and 90th
 * percentile, so that start-up (group join, connection set-up) and the tail do not count.
 */
export function sustainedRate(times) {
  const sorted = Float64Array.from(times).sort();
  const [from, to] = [Math.floor(sorted.length * 0.1), Math.floor(sorted.length * 0.9)];
  return ((to - from) / (sorted[to] - sorted[from])) * 1000;
}

export const round = (value, digits = 0) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : value);

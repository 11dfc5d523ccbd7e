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
 * arrivals in between, `perSecond` their rate. Of a backlog of `total` that was given up at
 * `gaveUpAt` before all of it arrived, the window ends there (and starts at `startedAt` when not
 * even its 10th percentile arrived).
 */
export function sustainedWindow(times, { total = times.length, startedAt, gaveUpAt } = {}) {
  const sorted = Float64Array.from(times).sort();
  const [first, last] = [Math.floor(total * 0.1), Math.floor(total * 0.9)];
  const [from, fromIndex] = first < sorted.length ? [sorted[first], first] : [startedAt, -1];
  const [to, toIndex] = last < sorted.length ? [sorted[last], last] : [gaveUpAt, sorted.length - 1];
  const count = toIndex - fromIndex;
  return { from, to, count, perSecond: (count / (to - from)) * 1000 };
}

/**
 * How many subjects had an event arrive (first) after a later one of theirs: `arrivals` are
 * `[sequence, time]` in the order the receiver read them, `subjectOf` maps a sequence to its subject,
 * and a subject's sequences grow in the order its events were produced.
 */
export function outOfOrderSubjects(arrivals, subjectOf) {
  const latest = new Map();
  const seen = new Set();
  const disordered = new Set();
  for (const [seq] of arrivals) {
    const subject = subjectOf.get(seq);
    if (subject === undefined || seen.has(seq)) continue;
    seen.add(seq);
    if (seq < (latest.get(subject) ?? -Infinity)) disordered.add(subject);
    else latest.set(subject, seq);
  }
  return disordered.size;
}

/** The value of a series of `[time, value]` samples (time-ordered) at `time`, linearly interpolated. */
export function valueAt(samples, time) {
  const after = samples.findIndex(([at]) => at >= time);
  if (after <= 0) return samples[Math.max(after, 0)][1];
  const [[t0, v0], [t1, v1]] = [samples[after - 1], samples[after]];
  return v0 + ((v1 - v0) * (time - t0)) / (t1 - t0);
}

export const round = (value, digits = 0) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : value);

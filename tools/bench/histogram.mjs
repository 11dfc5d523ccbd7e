// A Prometheus histogram read from a service's /metrics, and quantiles of how it changed over a window.

/** The cumulative bucket counts of histogram `name` at `url`/metrics: `[[upperBound, count], …]`, ascending. */
export async function scrapeHistogram(url, name) {
  const text = await (await fetch(`${url}/metrics`)).text();
  const bucket = new RegExp(`^${name}_bucket\\{le="([^"]+)"\\} (\\d+)$`, 'gm');
  return [...text.matchAll(bucket)].map(([, le, count]) => [le === '+Inf' ? Infinity : Number(le), Number(count)]);
}

/** The sum over its labels of counter (or gauge) `name` at `url`/metrics (0 when it has no sample yet). */
export async function scrapeCounter(url, name) {
  const text = await (await fetch(`${url}/metrics`)).text();
  const sample = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+)$`, 'gm');
  return [...text.matchAll(sample)].reduce((sum, [, value]) => sum + Number(value), 0);
}

/**
 * The upper bound (in the histogram's unit) of the bucket holding the q-quantile (0..1) of the
 * observations made between two scrapes, or undefined when there were none.
 */
export function quantileBetween(before, after, q) {
  const counts = after.map(([bound, count], index) => [bound, count - (before[index]?.[1] ?? 0)]);
  const total = counts.at(-1)?.[1] ?? 0;
  return total === 0 ? undefined : counts.find(([, count]) => count >= q * total)[0];
}

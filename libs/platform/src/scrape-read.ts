/** How long a gauge computed on scrape waits for its database or broker; Prometheus gives a scrape 10 s by default. */
export const SCRAPE_READ_TIMEOUT_MS = 5_000;

/**
 * What `read` answers, for a gauge computed on scrape; undefined when it fails or takes longer than
 * `timeoutMs`. A dependency that is down or slow leaves that gauge empty for the scrape (the gap in
 * its series is the signal) instead of failing or holding up every other metric of the scrape.
 */
export async function readOnScrape<T>(read: () => Promise<T>, timeoutMs = SCRAPE_READ_TIMEOUT_MS): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs)));
  try {
    return await Promise.race([Promise.resolve().then(read).catch(() => undefined), late]);
  } finally {
    clearTimeout(timer);
  }
}

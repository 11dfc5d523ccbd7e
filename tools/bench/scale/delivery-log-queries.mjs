// What the delivery-log scale bench asks config-service: every filter of `GET /v1/deliveries` the
// console combines, first page and a later one (from a cursor deep in the list), and the detail,
// each about a random delivery of the measured tenant, so every request reads another part of the log.
import { performance } from 'node:perf_hooks';
import { cpuSecondsOf } from '../services.mjs';
import { latencySummary } from '../stats.mjs';
import { createdAtOf, deliveryIdOf, eventIdOf, MEASURED_SHARE, measuredSubscriptionOf, subjectOf } from './delivery-log-shape.mjs';

const DAY_MS = 86_400_000;
/** The console's page size. */
const PAGE = '50';

/** The cursor config-service would have handed out at row `i` (base64url of `[createdAt, id]`). */
const cursorAt = (i, shape) => Buffer.from(JSON.stringify([createdAtOf(i, shape).toISOString(), deliveryIdOf(i)])).toString('base64url');
const windowBefore = (i, shape) => ({ since: new Date(createdAtOf(i, shape).getTime() - DAY_MS).toISOString(), until: createdAtOf(i, shape).toISOString() });

/**
 * Each query: its name and, for row `i` of the measured tenant, the API query (`filter`) and the
 * service's own parsed form of it (`parsed`, for the plan), or the detail's id.
 */
export const QUERIES = [
  list('no filter', () => ({})),
  list('subscriptionId', (i) => ({ subscriptionId: measuredSubscriptionOf(i) })),
  list('status=failed', () => ({ status: 'failed' })),
  list('subscriptionId + status=failed', (i) => ({ subscriptionId: measuredSubscriptionOf(i), status: 'failed' })),
  list('eventId', (i) => ({ eventId: eventIdOf(i) }), { paged: false }),
  list('subject', (i) => ({ subject: subjectOf(i) }), { paged: false }),
  list('since/until (a day)', (i, shape) => windowBefore(i, shape)),
  list('status=failed, a day', (i, shape) => ({ status: 'failed', ...windowBefore(i, shape) })),
  list('subscriptionId, a day', (i, shape) => ({ subscriptionId: measuredSubscriptionOf(i), ...windowBefore(i, shape) })),
  { name: 'detail GET /v1/deliveries/:id', detail: (i) => deliveryIdOf(i) },
].flatMap((query) => query.pages ?? [query]);

function list(name, filterOf, { paged = true } = {}) {
  const first = { name, filter: filterOf };
  // A later page: the filter from a cursor at another random row of the tenant's list.
  const later = { name: `${name}, later page`, filter: filterOf, cursor: true };
  return { pages: paged ? [first, later] : [first] };
}

/** The API query string of `query` about row `i` (and `j` for a later page's cursor). */
export function queryString(query, i, j, shape) {
  const filter = query.filter(i, shape);
  return new URLSearchParams({ ...filter, limit: PAGE, ...(query.cursor ? { cursor: cursorAt(cursorRow(filter, i, j, shape), shape) } : {}) }).toString();
}

/** The service's parsed query (what `DeliveriesService.list` takes) for `query` about row `i`. */
export function parsedQuery(query, i, j, shape) {
  const filter = query.filter(i, shape);
  const parsed = { ...filter, limit: Number(PAGE), ...(filter.since ? { since: new Date(filter.since), until: new Date(filter.until) } : {}) };
  if (query.cursor) {
    const row = cursorRow(filter, i, j, shape);
    parsed.cursor = { createdAt: createdAtOf(row, shape), id: deliveryIdOf(row) };
  }
  return parsed;
}

/** Inside the filter's window (its middle) when it has one, anywhere in the tenant's list otherwise. */
const cursorRow = (filter, i, j, { stepMs }) => (filter.since ? Math.max(1, i - Math.floor(DAY_MS / 2 / stepMs)) : j);

/** A random row of the measured tenant among the first `size`. */
export const randomMeasuredRow = (size) => MEASURED_SHARE * (1 + Math.floor(Math.random() * Math.floor(size / MEASURED_SHARE)));

/**
 * Times `requests` of each query (after a few unmeasured ones) through HTTP: `{ [name]: {p50, p99,
 * max, n, cpuMs} }`, `cpuMs` being the CPU per request of config-service and of the database's
 * processes serving it (`serverPids`: PostgreSQL's backends), which other processes on the cores do
 * not inflate as they do the latency.
 */
export async function timeQueries({ service, serverPids, key, size, shape, requests }) {
  const { url } = service;
  // A backend gone meanwhile (the pool replaced it) counts for nothing rather than failing the run.
  const cpuOf = (pid) => {
    try {
      const { user, system } = cpuSecondsOf(pid);
      return user + system;
    } catch {
      return 0;
    }
  };
  let pids = [];
  const cpuSeconds = () => pids.reduce((sum, pid) => sum + cpuOf(pid), 0);
  const headers = { authorization: `Bearer ${key}` };
  const results = {};
  for (const query of QUERIES) {
    const times = [];
    let cpuBefore;
    for (let n = -5; n < requests; n += 1) {
      if (n === 0) {
        pids = [service.pid, ...(await serverPids())];
        cpuBefore = cpuSeconds();
      }
      const [i, j] = [randomMeasuredRow(size), randomMeasuredRow(size)];
      const target = query.detail ? `${url}/v1/deliveries/${query.detail(i)}` : `${url}/v1/deliveries?${queryString(query, i, j, shape)}`;
      const began = performance.now();
      const response = await get(target, headers);
      const body = await response.text();
      const took = performance.now() - began;
      if (response.status !== 200) throw new Error(`${target} answered ${response.status}: ${body.slice(0, 300)}`);
      if (n >= 0) times.push(took);
    }
    const cpuMs = ((cpuSeconds() - cpuBefore) / requests) * 1000;
    results[query.name] = { ...latencySummary(times), cpuMs };
  }
  return results;
}

/** Kept-alive connections fetch may hold at once: each may have been closed meanwhile. */
const STALE_CONNECTIONS = 4;

/**
 * A GET, sent again when it failed on the way (`fetch failed`): the server closes a kept-alive
 * connection after 5 idle seconds, e.g. while a step loads, and the next requests may go out on
 * those; a server that is gone fails every try.
 */
async function get(target, headers) {
  for (let tries = 1; ; tries += 1) {
    try {
      return await fetch(target, { headers });
    } catch (error) {
      if (!(error instanceof TypeError) || tries > STALE_CONNECTIONS) throw error;
    }
  }
}

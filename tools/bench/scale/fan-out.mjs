// Fan-out: one event of one tenant to many generic webhooks, each an origin of its own. The same
// number of deliveries as the 1:1 drain, as a backlog, then a fixed load of deliveries/s with and
// without one of the endpoints hanging: the others must not wait on it.
import { benchEvent, FAN_OUT } from '../plan.mjs';
import { latencySummary, round } from '../stats.mjs';

/** Fan-outs measured, in the order their subscriptions are added. */
export const FAN_OUTS = [20, 200];
const keyOf = ([seq, , endpoint]) => `${seq}/${endpoint}`;

export async function measureFanOut(bench) {
  const { log, receiver, settings } = bench;
  const tenant = await bench.newTenant('bench-fan-out');
  const rows = [];
  let subscribed = 0;
  for (const fanOut of FAN_OUTS) {
    await bench.subscribe(tenant, FAN_OUT.slice(subscribed, fanOut));
    subscribed = fanOut;
    const endpoints = FAN_OUT.slice(0, fanOut);
    await bench.untilConsumersCaughtUp();
    await bench.stopDelivery();
    const events = backlogOf(bench, tenant, Math.ceil(settings.backlog / fanOut));
    await bench.produce(events.map(({ event }) => event));
    const drain = await bench.withCpuShares(`fan-out ${fanOut}, backlog`, () =>
      bench.drainRate(receiver, events, `fan-out ${fanOut}`, () => bench.startDelivery(), { deliveries: events.length * fanOut, keyOf }),
    );
    const steady = await fixedLoad(bench, tenant, endpoints);
    const hung = endpoints[endpoints.length - 1];
    receiver.hang(hung.route);
    const isolated = await bench.withCpuShares(`fan-out ${fanOut}, 1 endpoint hanging`, () => fixedLoad(bench, tenant, endpoints, hung));
    receiver.unhang(hung.route);
    log(`fan-out ${fanOut}: ${round(drain.perSecond)} deliveries/s drained; at ${round(steady.offeredPerSecond)} deliveries/s p99 ${round(steady.p99, 1)} ms, with 1 hanging p99 ${round(isolated.p99, 1)} ms of the others`);
    rows.push({ fanOut, drain, steady, isolated });
  }
  return rows;
}

function backlogOf(bench, tenant, count) {
  return Array.from({ length: count }, () => {
    const seq = bench.nextSequence();
    return { seq, event: benchEvent(FAN_OUT[0], tenant.id, seq) };
  });
}

/**
 * OFFERED deliveries/s (events/s × fan-out) for the scale part's load seconds after a warm-up;
 * latency of every delivery but the `hung` endpoint's, from its event's produce call to arrival.
 */
async function fixedLoad(bench, tenant, endpoints, hung) {
  const { receiver, settings } = bench;
  await receiver.drain();
  const perSecond = bench.offeredPerSecond / endpoints.length;
  const warmup = Math.round(perSecond * settings.warmupSeconds);
  const total = warmup + Math.round(perSecond * settings.scaleLoadSeconds);
  const sentAt = new Map();
  const counted = new Set();
  const offered = await bench.produceSteadily(perSecond, total, (n, at) => {
    const seq = bench.nextSequence();
    sentAt.set(seq, at);
    if (n >= warmup) counted.add(seq);
    return benchEvent(endpoints[0], tenant.id, seq);
  });
  const healthy = endpoints.filter((endpoint) => endpoint !== hung).map(({ index }) => index);
  const wanted = new Set(healthy);
  const arrivals = await receiver.collect(sentAt.size * healthy.length, 120_000, ([seq, , endpoint]) => sentAt.has(seq) && wanted.has(endpoint), { keyOf });
  const latencies = arrivals.filter(([seq, , endpoint]) => counted.has(seq) && wanted.has(endpoint)).map(([seq, at]) => at - sentAt.get(seq));
  return { ...latencySummary(latencies), offeredPerSecond: offered * endpoints.length };
}

// Subscriptions: the view grows to SUBSCRIPTION_STEPS subscriptions over many tenants (cloned into
// config-service's database, see subscription-loader.mjs), and at each size the bench measures
// config-service's republish at start (under a steady load, which must not stall), delivery-service's
// catch-up at start and its RSS, the small shape's backlog drained, and its latency at a fixed load.
import { round } from '../stats.mjs';
import { cloneSubscriptions } from './subscription-loader.mjs';

/** Sizes of the view, each with its tenants: 10 subscriptions per tenant. */
export const SUBSCRIPTION_STEPS = [10_000, 100_000];

export async function measureSubscriptions(bench) {
  const { log, receiver } = bench;
  const rows = [];
  const initial = await bench.viewSize();
  let cloned = 0;
  for (const size of SUBSCRIPTION_STEPS) {
    await bench.untilConsumersCaughtUp();
    await bench.stopService('config-service');
    const loadMs = cloneSubscriptions(bench.configDatabaseFile, { count: size - cloned, tenants: (size - cloned) / 10, idPrefix: `s${size}` });
    cloned = size;
    // The republish goes out under a steady load, whose latency tells whether it stalled the others.
    let republishing;
    const latencyDuringRepublish = await bench.measureLatency(`fixed load while config-service republishes ${initial + size} subscriptions`, {
      atWarmupEnd: () => (republishing = timedRepublish(bench, initial + size)),
    });
    const republish = await republishing;
    // delivery-service's start: the whole view read back from the compacted topic before it is ready.
    await bench.stopDelivery();
    const began = performance.now();
    await bench.startDelivery();
    const catchUpSeconds = (performance.now() - began) / 1000;
    const startRssMb = bench.service('delivery-service').peakRssMb();
    await bench.stopDelivery();
    const backlog = await bench.produceBacklog();
    const drain = await bench.withCpuShares(`${size} subscriptions, backlog`, () => bench.drainRate(receiver, backlog, `${size} subscriptions`, () => bench.startDelivery()));
    await bench.untilConsumersCaughtUp();
    const latency = await bench.withCpuShares(`${size} subscriptions, fixed load`, () => bench.measureLatency(`fixed load, ${size} subscriptions`));
    const rssMb = bench.service('delivery-service').peakRssMb();
    log(`${initial + size} subscriptions: loaded in ${round(loadMs)} ms; config-service ready after ${round(republish.readySeconds, 1)} s, its republish in delivery-service's view after ${round(republish.seconds, 1)} s (${round(republish.cpuSeconds, 1)} CPU s); delivery-service ready in ${round(catchUpSeconds, 1)} s at ${round(startRssMb)} MB; drain ${round(drain.perSecond)}/s; p99 ${round(latency.p99, 1)} ms; peak RSS ${round(rssMb)} MB`);
    rows.push({ size: initial + size, loadMs, republish, latencyDuringRepublish, catchUpSeconds, startRssMb, rssMb, drain, latency });
  }
  return rows;
}

/**
 * Starts config-service and times it until ready, and until delivery-service's view holds all `count`
 * subscriptions again (the republish at start goes on in the background), with its CPU by then.
 */
async function timedRepublish(bench, count) {
  const began = performance.now();
  const started = await bench.startService('config-service');
  const readySeconds = (performance.now() - began) / 1000;
  await bench.untilViewHolds(count);
  const { user, system } = started.cpuSeconds();
  return { readySeconds, seconds: (performance.now() - began) / 1000, cpuSeconds: user + system };
}

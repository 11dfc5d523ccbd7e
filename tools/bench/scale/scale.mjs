// The bench's scale part (`npm run bench -- --scale`, and in a full run): how cost grows with
// fan-out, payload size and the number of subscriptions, each beside the small shape's figure of
// the same run. `bench` is what bench.mjs hands over of its run (see scaleBench there).
import { measureDeliveryLog } from './delivery-log.mjs';
import { measureFanOut } from './fan-out.mjs';
import { measurePayloads } from './payloads.mjs';
import { measureSingleEvents } from './single-events.mjs';
import { measureSubscriptions } from './subscriptions.mjs';

const AXES = ['fan-out', 'payloads', 'subscriptions', 'single-events', 'delivery-log'];

/**
 * `BENCH_SCALE_AXES=subscriptions,…` measures only the axes named (to profile one); the bench then
 * prints its figures and leaves docs/benchmarks.md alone.
 */
export const scaleAxes = process.env.BENCH_SCALE_AXES ? process.env.BENCH_SCALE_AXES.split(',') : AXES;
const unknownAxes = scaleAxes.filter((axis) => !AXES.includes(axis));
if (unknownAxes.length > 0) throw new Error(`BENCH_SCALE_AXES: unknown axis ${unknownAxes.join(', ')} (the axes are ${AXES.join(', ')})`);
export const everyScaleAxis = scaleAxes.length === AXES.length;
const measuring = (axis, measure) => (scaleAxes.includes(axis) ? measure() : undefined);

export async function measureScale(bench) {
  // The small shape's latency over the same window as the scale part's fixed loads.
  const latency = await bench.withCpuShares('fixed load, small shape', () => bench.measureLatency('fixed load, small shape (scale reference)'));
  const fanOut = await measuring('fan-out', () => measureFanOut(bench));
  const payloads = await measuring('payloads', () => measurePayloads(bench));
  // Last of the delivery rows: the subscriptions it adds stay.
  const subscriptions = await measuring('subscriptions', () => measureSubscriptions(bench));
  const { kafka, secrets, dataDir, log } = bench;
  // An ingest-service of its own, on topics of their own: delivery-service does not see these events.
  const singleEvents = await measuring('single-events', () => bench.withCpuShares('POST /v1/events, one event each', () => measureSingleEvents({ kafka, secrets, dataDir, log })));
  // A config-service of its own per database, loaded through a fast path of its own (SQL).
  const deliveryLog = await measuring('delivery-log', () => measureDeliveryLog({ kafka, secrets, dataDir, log }));
  return { latency, fanOut, payloads, subscriptions, singleEvents, deliveryLog };
}

// The bench's scale part (`npm run bench -- --scale`, and in a full run): how cost grows with
// fan-out, payload size and the number of subscriptions, each beside the small shape's figure of
// the same run. `bench` is what bench.mjs hands over of its run (see scaleBench there).
import { measureDeliveryLog } from './delivery-log.mjs';
import { measureFanOut } from './fan-out.mjs';
import { measurePayloads } from './payloads.mjs';
import { measureSingleEvents } from './single-events.mjs';
import { measureSubscriptions } from './subscriptions.mjs';

export async function measureScale(bench) {
  // The small shape's latency over the same window as the scale part's fixed loads.
  const latency = await bench.withCpuShares('fixed load, small shape', () => bench.measureLatency('fixed load, small shape (scale reference)'));
  const fanOut = await measureFanOut(bench);
  const payloads = await measurePayloads(bench);
  // Last of the delivery rows: the subscriptions it adds stay.
  const subscriptions = await measureSubscriptions(bench);
  const { kafka, secrets, dataDir, log } = bench;
  // An ingest-service of its own, on topics of their own: delivery-service does not see these events.
  const singleEvents = await bench.withCpuShares('POST /v1/events, one event each', () => measureSingleEvents({ kafka, secrets, dataDir, log }));
  // A config-service of its own per database, loaded through a fast path of its own (SQL).
  const deliveryLog = await measureDeliveryLog({ kafka, secrets, dataDir, log });
  return { latency, fanOut, payloads, subscriptions, singleEvents, deliveryLog };
}

// Large payloads: backlogs of events of growing size (order lines in the data) to the postback
// endpoints, which send the data whole, and to SecuTix, whose scheduled path carries the whole
// event through retry-scheduler. Measures the drain, every service's RSS meanwhile, and the
// largest record any topic got, against the broker's limit.
import { benchEvent, ENDPOINTS } from '../plan.mjs';
import { round } from '../stats.mjs';
import { largestRecords } from './record-sizes.mjs';

/** Event data sizes measured (bytes of order lines); the small shape's events carry none. */
export const PAYLOAD_BYTES = [16 * 1024, 64 * 1024];
/** The broker's default `message.max.bytes` (the local broker keeps it). */
export const BROKER_RECORD_LIMIT = 1_048_588;

export async function measurePayloads(bench) {
  const { log, receiver, settings, tenants } = bench;
  const postback = ENDPOINTS.filter(({ plugin }) => plugin === 'postback');
  const secutix = ENDPOINTS.filter(({ plugin }) => plugin === 'secutix');
  const rows = [];
  for (const bytes of PAYLOAD_BYTES) {
    await bench.untilConsumersCaughtUp();
    await bench.stopDelivery();
    const offsets = await bench.topicOffsets();
    const backlog = Array.from({ length: Math.round(settings.payloadBacklogBytes / bytes) }, (_, n) => {
      const seq = bench.nextSequence();
      return { seq, event: benchEvent(postback[n % postback.length], tenants.get(postback[n % postback.length].index), seq, String(seq), bytes) };
    });
    const scheduled = secutix.map((endpoint) => benchEvent(endpoint, tenants.get(endpoint.index), bench.nextSequence(), undefined, bytes));
    await bench.produce([...backlog.map(({ event }) => event), ...scheduled]);
    const eventBytes = Buffer.byteLength(JSON.stringify(backlog[0].event));
    const rss = bench.sampleRss();
    const drain = await bench.withCpuShares(`${bytes / 1024} KB events, backlog`, () => bench.drainRate(receiver, backlog, `${bytes / 1024} KB events`, () => bench.startDelivery()));
    await bench.untilConsumersCaughtUp();
    const peakRssMb = rss.stop();
    const largest = await largestRecords(bench.kafkaClient, offsets, await bench.topicOffsets());
    log(`${bytes / 1024} KB events: ${round(drain.perSecond)} deliveries/s, ${round((drain.perSecond * eventBytes) / 1e6, 1)} MB/s; largest record ${largest[0]?.topic} ${largest[0]?.bytes} bytes`);
    rows.push({ bytes, eventBytes, events: backlog.length, drain, peakRssMb, largest });
  }
  return rows;
}

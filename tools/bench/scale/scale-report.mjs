// The scale part's tables for docs/benchmarks.md: one per axis, size → figure, with the small
// shape's figure of the same run as the first row and every figure as a ratio to it.
import { round } from '../stats.mjs';
import { BROKER_RECORD_LIMIT } from './payloads.mjs';
import { deliveryLogMarkdown } from './delivery-log.mjs';
import { singleEventsMarkdown } from './single-events.mjs';

const ms = (value) => `${round(value, 1)} ms`;
const ratio = (value, reference) => `${round(value / reference, 2)} ×`;
const met = (ok, target) => `${ok ? 'met' : '**not met**'}: ${target}`;
const table = (head, rows) => [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');

/** `reference`: the small shape's drain (deliveries/s) and the events it carries (bytes). */
export function scaleMarkdown(scale, { drainPerSecond, smallEventBytes, subscriptions: smallSubscriptions }) {
  const { latency, fanOut, payloads, subscriptions } = scale;
  const small = (label) => [label, `${round(drainPerSecond)}`, '1 ×', ms(latency.p99), '1 ×'];
  return `## Scale

How cost grows: each table starts from the small shape of the same run (its drain is the median
hookbus drain above; its p99 is a fixed load of ${round(latency.offeredPerSecond)} events/s over the same window as the scale rows).

### Subscriptions in the view

${table(
  ['subscriptions', 'backlog drained (deliveries/s)', 'vs small', 'p99 at 1,000 events/s', 'vs small', 'delivery-service ready after a start', 'its RSS: after start / peak', 'config-service restarted: ready / its republish in the view (its CPU)', 'p99 at 1,000 events/s meanwhile'],
  [
    [...small(`${smallSubscriptions} (small shape)`), '', '', '', ''],
    ...subscriptions.map((row) => [
      row.size.toLocaleString('en'),
      `${round(row.drain.perSecond)}`,
      ratio(row.drain.perSecond, drainPerSecond),
      ms(row.latency.p99),
      ratio(row.latency.p99, latency.p99),
      `${round(row.catchUpSeconds, 1)} s`,
      `${round(row.startRssMb)} / ${round(row.rssMb)} MB`,
      `${round(row.republish.readySeconds, 1)} s / ${round(row.republish.seconds, 1)} s (${round(row.republish.cpuSeconds, 1)} CPU s)`,
      ms(row.latencyDuringRepublish.p99),
    ]),
  ],
)}

${(() => {
  const largest = subscriptions.at(-1);
  return [
    met(largest.drain.perSecond >= 0.9 * drainPerSecond, 'drain within 10 % of the small shape\'s'),
    met(largest.catchUpSeconds < 10, 'catch-up at start < 10 s'),
    met(largest.rssMb < 400, 'delivery-service RSS < 400 MB'),
  ].map((line) => `- ${largest.size.toLocaleString('en')} subscriptions: ${line}`).join('\n');
})()}

### Fan-out: one event to many endpoints of one tenant

${table(
  ['fan-out', 'backlog drained (deliveries/s)', 'vs 1:1', `p99 at ${round(fanOut[0]?.steady.offeredPerSecond ?? 0)} deliveries/s`, 'vs 1:1', 'p99 of the others, 1 endpoint hanging'],
  [
    [...small('1 (small shape)'), ''],
    ...fanOut.map(({ fanOut: size, drain, steady, isolated }) => [size, `${round(drain.perSecond)}`, ratio(drain.perSecond, drainPerSecond), ms(steady.p99), ratio(steady.p99, latency.p99), `${ms(isolated.p99)} (${ratio(isolated.p99, steady.p99)} unhung)`]),
  ],
)}

${fanOut.length > 0 ? `- fan-out ${fanOut.at(-1).fanOut}: ${met(fanOut.at(-1).drain.perSecond >= drainPerSecond, 'drain ≥ the 1:1 drain')}; ${met(fanOut.at(-1).isolated.p99 <= 1.2 * fanOut.at(-1).steady.p99, 'no endpoint waits on another (p99 of the others within 20 %)')}` : ''}

### Payload size

${table(
  ['event', 'backlog drained (deliveries/s)', 'MB/s', 'vs small', 'peak RSS during the drain', 'largest record (topic)'],
  [
    [`~${round(smallEventBytes)} B (small shape)`, `${round(drainPerSecond)}`, `${round((drainPerSecond * smallEventBytes) / 1e6, 2)}`, '1 ×', '', ''],
    ...payloads.map((row) => [
      `${round(row.eventBytes / 1024)} KB`,
      `${round(row.drain.perSecond)}`,
      `${round((row.drain.perSecond * row.eventBytes) / 1e6, 1)}`,
      ratio(row.drain.perSecond, drainPerSecond),
      Object.entries(row.peakRssMb).map(([name, mb]) => `${name} ${round(mb)} MB`).join(', '),
      row.largest[0] ? `${round(row.largest[0].bytes / 1024)} KB (${row.largest[0].topic.replace(/^bench-[^.]+\./, '')})` : '',
    ]),
  ],
)}

${payloads.length > 0 ? `- ${met(payloads.every((row) => (row.largest[0]?.bytes ?? 0) < BROKER_RECORD_LIMIT), `no record over the broker's limit (${BROKER_RECORD_LIMIT.toLocaleString('en')} bytes)`)}` : ''}

### One event per request

${singleEventsMarkdown(scale.singleEvents)}

${scale.singleEvents.rows.map(({ inFlight, perSecond }) => `- ${inFlight} in flight: ${met(perSecond >= 5_000, '≥ 5,000 events/s')}`).join('\n')}

${deliveryLogMarkdown(scale.deliveryLog)}
`;
}

// `node tools/bench/cpu-split.mjs <profile>… [--write-docs]`: what delivery-service's busy time in a
// drain goes to, from the CPU profiles of `BENCH_CPU_PROF=<dir> npm run bench -- --quick` (its
// delivery-service-2 and -3 are the first two drains alone; -1 never drains, -4 also runs the fixed
// loads). Each part is a share of the busy time (start-up and idle left out), median over the files.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * A sample belongs to the first part that claims a frame of its stack, innermost frame first: a
 * socket write in kafkajs's produce path is the log record's, one in undici the HTTP send's.
 * kafkajs's network code serves fetches, produces and commits alike, so it is a part of its own.
 */
const PARTS = [
  ['garbage collection', (frame) => frame.functionName === '(garbage collector)'],
  ['log record: built and serialised (the delivery rules)', (frame) => /delivery\/rules\/|delivery\.publisher|masked-(headers|url)/.test(frame.url)],
  ['log record: produced (kafkajs encoding and checksum, the publish batcher)', (frame) => /kafkajs\/src\/(protocol\/(requests\/produce|recordBatch|encoder|message)|producer)|publish-batcher|coalescer|kafka-bus\.js/.test(frame.url)],
  ['event: fetched and decoded (kafkajs)', (frame) => /kafkajs\/src\/(protocol\/(requests\/fetch|decoder)|consumer)/.test(frame.url)],
  ['event: Nest microservice layer, at-least-once consumer', (frame) => /@nestjs|libs\/kafka\/src|kafka\/src\/(at-least-once|offset-tracker|keyed-limiter|group-consumer|kafka\.transport|decode-message|header-scan)/.test(frame.url)],
  ['event: parsed and validated (JSON, zod)', (frame) => /zod|contracts\/src|event-message/.test(frame.url)],
  ['render and sign (plugins, HMAC)', (frame) => /delivery\/plugins|plugins\/|webhook-signature|plain-subscription|merged-headers|delivery\/sdk|node:internal\/crypto/.test(frame.url)],
  ['flow control, pacing, fan-out', (frame) => /transport\/src\/flow|flow\/|delivery-budget|subscriptions\/|event-dispatcher|plugin-registry/.test(frame.url)],
  ['HTTP send (undici, its sockets)', (frame) => /undici|http-sender|response-collector|guarded-connector/.test(frame.url)],
  ['kafkajs network (fetches, produces and commits alike)', (frame) => /kafkajs/.test(frame.url)],
  ['metrics', (frame) => /prom-client|delivery-metrics/.test(frame.url)],
];
const OTHER = 'other (Node internals: microtasks, timers, streams)';

/** Milliseconds of busy time per part of one profile. */
export function splitProfile(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map(profile.nodes.flatMap((node) => (node.children ?? []).map((child) => [child, node.id])));
  const stack = function* (id) {
    for (let at = id; at !== undefined; at = parentOf.get(at)) yield byId.get(at).callFrame;
  };
  const selfMicros = new Map();
  profile.samples.forEach((id, index) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));

  const parts = new Map();
  for (const [id, micros] of selfMicros) {
    const frames = [...stack(id)];
    // Idle, the profiler's own ticks and module loading are not the work of a drain.
    if (frames.some(({ functionName }) => functionName === '(idle)' || functionName === '(program)' || functionName === 'Module._load')) continue;
    const part = frames.map((frame) => PARTS.find(([, claims]) => claims(frame))?.[0]).find(Boolean) ?? OTHER;
    parts.set(part, (parts.get(part) ?? 0) + micros / 1000);
  }
  return parts;
}

/** Each part's median share of the busy time over `files`, largest first, as a markdown table. */
export function splitTable(files) {
  const shares = files.map((file) => {
    const parts = splitProfile(JSON.parse(readFileSync(file, 'utf8')));
    const busy = [...parts.values()].reduce((sum, ms) => sum + ms, 0);
    return new Map([...parts].map(([part, ms]) => [part, ms / busy]));
  });
  const names = [...PARTS.map(([name]) => name), OTHER];
  const rows = names
    .map((name) => [name, median(shares.map((share) => share.get(name) ?? 0))])
    .sort((a, b) => b[1] - a[1])
    .map(([name, share]) => `| ${name} | ${(share * 100).toFixed(1)} % |`);
  return ['| part of delivery-service\'s busy time in a drain | share |', '|---|---|', ...rows].join('\n');
}

const INTRO = `From V8's CPU profiles of delivery-service draining the small shape's backlog, each part's share of its busy time (start-up and idle left out), median over the drains profiled. The baseline (kafkajs → undici) does the event's fetch and decode, a JSON parse and the HTTP send; everything else here is what hookbus adds to a delivery: the log record (built, serialised, produced with acks=all), validation, rendering and signing, flow control, and the Nest microservice layer. V8 samples by the wall clock, so a system call that waits for a core (a socket write that wakes the broker) counts here for longer than its CPU time: the shares are a guide to where to look, the bench's CPU per delivery is the measure.`;

/** Puts the section in docs/benchmarks.md, in place of its last version or before "Where the cores went". */
function writeDocs(table, files) {
  const file = path.join(root, 'docs', 'benchmarks.md');
  const document = readFileSync(file, 'utf8');
  const heading = "## Where delivery-service's CPU goes\n";
  const next = document.indexOf('\nWhere the cores went');
  if (next < 0) throw new Error('docs/benchmarks.md has no "Where the cores went" to put the section before');
  const start = document.includes(heading) ? document.indexOf(heading) : next + 1;
  const origin = `_This section: \`node tools/bench/cpu-split.mjs ${files.map((name) => path.basename(name)).join(' ')} --write-docs\`, ${new Date().toISOString()}, on the profiles of \`BENCH_CPU_PROF=<dir> npm run bench -- --quick\`; the rest of the page comes from the run named at its top._`;
  writeFileSync(file, `${document.slice(0, start)}${heading}\n${INTRO}\n\n${table}\n\n${origin}\n${document.slice(next)}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  if (files.length === 0) throw new Error('usage: node tools/bench/cpu-split.mjs <profile>… [--write-docs]');
  const table = splitTable(files);
  console.log(table);
  if (process.argv.includes('--write-docs')) writeDocs(table, files);
}

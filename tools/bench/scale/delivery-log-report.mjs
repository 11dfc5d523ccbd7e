// The delivery-log scale figures as markdown: per database, p50 / p99 of each query at each size
// (the curve), load time and bytes per delivery, the plans at the largest size, the writer's CPU.
import { planSummary } from './delivery-log-plans.mjs';

const TARGET_MS = 50;
const round = (value, digits = 0) => Number(value.toFixed(digits)).toLocaleString('en-US');
const count = (value) => (value >= 1e6 && value % 1e6 === 0 ? `${value / 1e6}M` : value >= 1e3 && value % 1e3 === 0 ? `${value / 1e3}k` : String(value));

export function deliveryLogMarkdown(result) {
  const sections = result.databases.map(databaseSection);
  const method = [
    `Each database is loaded by plain SQL beside the running config-service (\`INSERT … SELECT\` over a series; PostgreSQL drops and rebuilds the secondary indexes of \`deliveries\` around each step, so its indexes are freshly built, fuller than grown ones): 200 tenants, the measured one holding one delivery in five (20 subscriptions), ~3 deliveries a subject, 88 % delivered, 4 % failed, 2 % retrying, 3 % pending, 2 % abandoned, 1 % cancelled, 1–3 attempts with the request (~0.6–1.2 KB body) and response, the event kept on those not delivered.`,
    `At each size, ${result.requests} requests of each query (${result.requestsAtLargest} at the largest), one at a time, through HTTP with the tenant's admin key, pages of 50 as the console asks, each about another random delivery of the measured tenant (a later page starts from a cursor at a random point of the list, or the middle of the window); p50 / p99 in ms, target p99 < ${TARGET_MS} ms; in brackets the CPU ms per request of config-service and of its PostgreSQL backends, which busy cores do not inflate as they do the latency.`,
    `Writer CPU: ${result.writerDeliveries} deliveries' attempt records (≈1.1 each) published to \`hookbus.deliveries.log.v1\` at once, config-service's CPU seconds (user + system) from the first published to the last stored, per record; after a warm-up of a tenth as many.`,
  ];
  return ['### Delivery log at scale', '', ...method.map((line) => `- ${line}`), '', ...sections].join('\n');
}

function databaseSection({ label, steps, plans, writer, seconds }) {
  const header = `| query | ${steps.map(({ size }) => `${count(size)}: p50 / p99 (CPU)`).join(' | ')} |`;
  const names = Object.keys(steps[0].queries);
  const rows = names.map((name) => `| ${name} | ${steps.map(({ queries }) => cell(queries[name])).join(' | ')} |`);
  const facts = [
    `| load time of the step | ${steps.map(({ loadSeconds }) => `${round(loadSeconds, 1)} s`).join(' | ')} |`,
    `| bytes per delivery (${label === 'sqlite' ? 'file + WAL' : 'pg_total_relation_size of both tables'}) | ${steps.map(({ bytesPerDelivery }) => round(bytesPerDelivery)).join(' | ')} |`,
    `| worst p99 | ${steps.map(({ queries }) => worst(queries)).join(' | ')} |`,
  ];
  const largest = count(steps[steps.length - 1].size);
  const planRows = Object.entries(plans).map(([name, plan]) => `| ${name} | ${planSummary(plan)} |`);
  const ratio = writer.loaded.microsPerRecord / writer.empty.microsPerRecord;
  return [
    `#### ${label}`,
    '',
    `${round(seconds)} s for this database in all; config-service at niceness 0.`,
    '',
    header,
    `|---|${steps.map(() => '---|').join('')}`,
    ...rows,
    ...facts,
    '',
    writer.loaded.error
      ? `Writer CPU per record: ${round(writer.empty.microsPerRecord)} µs on the empty log; **at ${largest} deliveries not measured: ${writer.loaded.error}**.`
      : `Writer CPU per record: ${round(writer.empty.microsPerRecord)} µs on the empty log, ${round(writer.loaded.microsPerRecord)} µs at ${largest} deliveries (${round(ratio, 2)} × empty; ${writer.loaded.records} records)${system(writer)}.`,
    '',
    `Plans at ${largest} (index read; a sort or a table scan is named):`,
    '',
    '| query | plan |',
    '|---|---|',
    ...planRows,
    '',
    '<details><summary>Full plans</summary>',
    '',
    ...Object.entries(plans).flatMap(([name, plan]) => [`**${name}**`, '', '```', plan, '```', '']),
    '</details>',
    '',
  ].join('\n');
}

const cell = ({ p50, p99, cpuMs }) => `${round(p50, 1)} / ${p99 >= TARGET_MS ? `**${round(p99, 1)}**` : round(p99, 1)} (${round(cpuMs, 1)})`;

function worst(queries) {
  const [name, { p99 }] = Object.entries(queries).reduce((a, b) => (b[1].p99 > a[1].p99 ? b : a));
  return `${round(p99, 1)} ms (${name}) ${p99 < TARGET_MS ? 'met' : '**not met**'}`;
}

const system = ({ empty, loaded }) =>
  empty.systemMicrosPerRecord === undefined ? '' : `; of which system time ${round(empty.systemMicrosPerRecord)} µs and ${round(loaded.systemMicrosPerRecord)} µs`;

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parser } from '@prometheus-io/lezer-promql';
import { parse as parseYaml } from 'yaml';
import { Topics } from '@hookbus/contracts';
import type { KafkaBus } from '@hookbus/kafka';
import { pollUntil, testBus, uniquePrefix } from '@hookbus/testing';
import { SECRET_KEY } from '../support/config-service';
import { ServiceProcess } from '../support/service-process';

// Five real processes on a shared two-core host: more than the default minute.
jest.setTimeout(150_000);

const root = path.resolve(__dirname, '../..');
const SERVICES = ['config-service', 'ingest-service', 'delivery-service', 'retry-scheduler', 'notifier-service'] as const;

interface Target {
  readonly expr: string;
  readonly datasource?: { readonly type?: string; readonly uid?: string };
}
interface Panel {
  readonly title: string;
  readonly datasource?: Target['datasource'];
  readonly targets?: readonly Target[];
  readonly panels?: readonly Panel[];
}
interface Dashboard {
  readonly schemaVersion: number;
  readonly templating: { readonly list: readonly { readonly name: string; readonly type: string; readonly query: string }[] };
  readonly panels: readonly Panel[];
}
interface Rule {
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels?: { readonly severity?: string };
  readonly annotations?: { readonly summary?: string; readonly description?: string };
}

const dashboard = JSON.parse(readFileSync(path.join(root, 'deploy/grafana/hookbus.json'), 'utf8')) as Dashboard;
const rules = (parseYaml(readFileSync(path.join(root, 'deploy/prometheus/hookbus-alerts.yaml'), 'utf8')) as { groups: { rules: Rule[] }[] }).groups.flatMap(
  (group) => group.rules,
);
// Rows nest their panels.
const panelsOf = (panels: readonly Panel[]): Panel[] => panels.flatMap((panel) => [panel, ...panelsOf(panel.panels ?? [])]);
const panels = panelsOf(dashboard.panels).flatMap((panel) => (panel.targets ? [{ ...panel, targets: panel.targets }] : []));

/** Every PromQL expression of the dashboard and the rules, named by where it stands. */
const EXPRESSIONS: readonly { readonly where: string; readonly expr: string }[] = [
  ...panels.flatMap((panel) => panel.targets.map(({ expr }) => ({ where: `panel "${panel.title}"`, expr }))),
  ...rules.map(({ alert, expr }) => ({ where: `alert ${alert}`, expr })),
];

// Grafana fills these in before Prometheus sees the query.
const GRAFANA_VARIABLES: Record<string, string> = { $__rate_interval: '5m', $__interval: '1m', $__range: '1h' };
const asPrometheusSees = (expr: string) => expr.replace(/\$__\w+/g, (name) => GRAFANA_VARIABLES[name] ?? name);

/** What the parser made of an expression: the metric each selector names, and where it could not parse it. */
function readPromql(expr: string): { metrics: string[]; unnamedSelectors: number; errors: string[] } {
  const text = asPrometheusSees(expr);
  const result = { metrics: [] as string[], unnamedSelectors: 0, errors: [] as string[] };
  parser.parse(text).iterate({
    enter: (node) => {
      if (node.type.isError) result.errors.push(`does not parse at ${node.from}: ${text.slice(0, node.from)} ⚠ ${text.slice(node.from)}`);
      if (node.name !== 'VectorSelector') return;
      const name = node.node.getChild('Identifier');
      if (name) result.metrics.push(text.slice(name.from, name.to));
      else result.unnamedSelectors += 1;
    },
  });
  return result;
}

/** `# TYPE <name> <type>` of one scrape: every registered metric, samples or not. */
const typesOf = (scrape: string) => new Map([...scrape.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map(([, name, type]) => [name, type]));

/** Whether a name a query uses is exported: as is, or as a histogram's (summary's) `_bucket`, `_sum` or `_count` series. */
function isExported(name: string, types: ReadonlyMap<string, string>): boolean {
  if (types.has(name)) return true;
  const [, base, suffix] = /^(.+)_(bucket|sum|count)$/.exec(name) ?? [];
  return base !== undefined && (types.get(base) === 'histogram' || (types.get(base) === 'summary' && suffix !== 'bucket'));
}

describe('dashboards and alerts name only what the services export (real services, real broker)', () => {
  const prefix = uniquePrefix('observability');
  const services = new Map<(typeof SERVICES)[number], ServiceProcess>();
  let bus: KafkaBus;

  const scrape = async (name: (typeof SERVICES)[number]) => {
    const service = services.get(name);
    if (!service) throw new Error(`${name} did not start`);
    const response = await fetch(`${service.url}/metrics`);
    if (!response.ok) throw new Error(`${name} /metrics answered ${response.status}`);
    return response.text();
  };
  const samplesOf = async (name: (typeof SERVICES)[number], metric: string) => (await scrape(name)).split('\n').filter((line) => line.startsWith(`${metric}{`) || line.startsWith(`${metric} `));

  beforeAll(async () => {
    bus = await testBus(prefix);
    const data = mkdtempSync(path.join(tmpdir(), 'hookbus-observability-'));
    await Promise.all(
      SERVICES.map(async (name) => {
        const service = await ServiceProcess.spawn(name, {
          KAFKA_TOPIC_PREFIX: prefix,
          LOG_LEVEL: 'warn',
          DATABASE_URL: `sqlite:${path.join(data, `${name}.sqlite`)}`,
          HOOKBUS_SECRET_KEY: SECRET_KEY,
          MAIL_OUTBOX_DIR: path.join(data, 'outbox'),
          HOOKBUS_SERVICE_URLS: '',
        });
        services.set(name, service);
        await service.ready(90_000);
      }),
    );
  });
  afterAll(async () => {
    await Promise.all([...services.values()].map((service) => service.stop()));
    await bus?.disconnect();
  });

  it('reads every expression of the dashboard and the alert rules whole, each selector naming its metric', () => {
    expect(EXPRESSIONS.length).toBeGreaterThanOrEqual(panels.length + rules.length);
    const unreadable = EXPRESSIONS.flatMap(({ where, expr }) => {
      const { metrics, unnamedSelectors, errors } = readPromql(expr);
      const problems = [...new Set(errors), ...(unnamedSelectors > 0 ? [`${unnamedSelectors} selector(s) without a metric name`] : []), ...(metrics.length === 0 ? ['names no metric'] : [])];
      return problems.map((problem) => `${where}: ${problem}`);
    });
    expect(unreadable).toEqual([]);
  });

  it('finds every metric they name in some service\'s /metrics', async () => {
    const exported = new Map<string, string>();
    for (const name of SERVICES) for (const [metric, type] of typesOf(await scrape(name))) exported.set(metric, type);

    const missing = EXPRESSIONS.flatMap(({ where, expr }) => readPromql(expr).metrics.filter((metric) => !isExported(metric, exported)).map((metric) => `${where}: ${metric}`));
    expect(missing).toEqual([]);
  });

  it('gives every alert a duration to hold for, a severity, a summary and a description', () => {
    expect(rules.length).toBeGreaterThan(0);
    const incomplete = rules.filter(
      (rule) => !/^\d+[smhdwy]$/.test(rule.for ?? '') || !['page', 'warning'].includes(rule.labels?.severity ?? '') || !rule.annotations?.summary || !rule.annotations.description,
    );
    expect(incomplete.map(({ alert }) => alert)).toEqual([]);
  });

  it('asks Prometheus through the dashboard\'s datasource variable, never a data source fixed by uid', () => {
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(39);
    expect(dashboard.templating.list).toContainEqual(expect.objectContaining({ name: 'datasource', type: 'datasource', query: 'prometheus' }));
    const fixed = panels.flatMap((panel) => [panel.datasource, ...panel.targets.map((target) => target.datasource)]).filter((source) => source?.uid !== '${datasource}');
    expect(fixed).toEqual([]);
  });

  // A gauge computed on scrape leaves out its samples when its read fails, keeping only `# TYPE`:
  // these must come from the real broker and databases.
  it('answers the scraped gauges from the broker and the databases, and counts a quarantined message', async () => {
    await bus.publish(Topics.events.name, [{ key: 'observability', value: 'not json' }]);

    const quarantined = await pollUntil('delivery-service counts the malformed event it quarantined', async () => {
      const samples = await samplesOf('delivery-service', 'hookbus_messages_quarantined_total');
      return samples.length > 0 && samples;
    });
    expect(quarantined).toEqual([`hookbus_messages_quarantined_total{topic="${Topics.events.name}",group="hookbus-delivery-service"} 1`]);
    // It committed past the message: its group's lag on the events topic is known, and nothing is left.
    await pollUntil('config-service reports the lag of delivery-service\'s group on the events topic', async () =>
      (await samplesOf('config-service', 'hookbus_consumer_lag_messages')).includes(
        `hookbus_consumer_lag_messages{group="${prefix}hookbus-delivery-service",topic="${prefix}${Topics.events.name}"} 0`,
      ),
    { timeoutMs: 30_000, intervalMs: 250 });
    expect(await samplesOf('retry-scheduler', 'hookbus_retry_pending')).toEqual(
      ['overdue', 'next_minute', 'next_hour', 'later'].map((due) => `hookbus_retry_pending{due="${due}"} 0`),
    );
    expect(await samplesOf('notifier-service', 'hookbus_notifier_notifications_awaiting_digest')).toEqual(['hookbus_notifier_notifications_awaiting_digest 0']);
  });
});

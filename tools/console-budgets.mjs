#!/usr/bin/env node
// `npm run console:budgets [-- --no-build] [--databases=sqlite,postgresql] [--samples=20]`: the console's
// budgets, measured in Chromium against config-service from dist/ (reported numbers, not timed tests):
//   1. the first load of /console/ signed in as a tenant admin: gzipped JavaScript under 250 KB;
//   2. the delivery log with 100,000 deliveries in config-service's database answers a filter change
//      (status or subject) in under 300 ms at the 95th percentile.
// Uses the local broker (or KAFKA_BROKERS) and PostgreSQL at TEST_POSTGRES_URL (default the local one).
// Prints a table and exits 1 when a budget is exceeded; leaves nothing running.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, signedInContext } from './console-budgets/browser.mjs';
import { loadPostgres, loadSqlite } from './console-budgets/bulk-load.mjs';
import { attemptRows, deliveryRows } from './console-budgets/delivery-rows.mjs';
import { measureFilterChanges } from './console-budgets/filter-latency.mjs';
import { measureFirstLoad } from './console-budgets/first-load.mjs';
import { freshPostgres, startConfigService, tenantWithSubscriptions } from './console-budgets/platform.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const JS_BUDGET_BYTES = 250 * 1024;
const FILTER_BUDGET_MS = 300;
const DELIVERIES = 100_000;

const option = (name, fallback) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const databases = option('databases', 'sqlite,postgresql').split(',');
const samples = Number(option('samples', '20'));
const log = (message) => console.log(`[budgets] ${message}`);

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
};
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value) => `${value.toFixed(0)} ms`;

if (!process.argv.includes('--no-build')) {
  const built = spawnSync(process.execPath, [path.join(root, 'tools', 'build.mjs')], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const { ensureKafka, stopKafka } = await import('./kafka/local-kafka.mjs');
const kafka = await ensureKafka();
const browser = await launchChromium();
const rows = [];
let firstLoad;

try {
  for (const database of databases) {
    const sqliteDir = database === 'sqlite' ? mkdtempSync(path.join(tmpdir(), 'hookbus-budget-')) : undefined;
    const postgres = database === 'postgresql' ? await freshPostgres() : undefined;
    if (!sqliteDir && !postgres) throw new Error(`unknown database ${database}: sqlite or postgresql`);
    const databaseUrl = sqliteDir ? `sqlite:${path.join(sqliteDir, 'config.sqlite')}` : postgres.url;
    // config-service creates the tables (its migrations) on start; the rows go in while it idles.
    const service = await startConfigService({ databaseUrl, brokers: kafka.brokers });
    try {
      const tenant = await tenantWithSubscriptions(service);
      const deliveries = deliveryRows({ tenantId: tenant.tenantId, subscriptions: tenant.subscriptions, count: DELIVERIES });
      const attempts = attemptRows(deliveries);
      const began = Date.now();
      if (sqliteDir) loadSqlite(path.join(sqliteDir, 'config.sqlite'), deliveries, attempts);
      else await loadPostgres(postgres.url, deliveries, attempts);
      log(`${database}: ${deliveries.length} deliveries and ${attempts.length} attempts loaded in ${((Date.now() - began) / 1000).toFixed(1)} s`);
      firstLoad ??= await measureFirstLoad(browser, service.url, tenant.key);
      const context = await signedInContext(browser, service.url, tenant.key);
      const { byStatus, bySubject } = await measureFilterChanges(context, deliveries, { samples });
      await context.close();
      for (const [filter, values] of [['status', byStatus], ['subject', bySubject]]) {
        const p95 = quantile(values, 0.95);
        rows.push({
          budget: `delivery log, ${DELIVERIES.toLocaleString('en')} deliveries, ${database}: ${filter} filter change (${values.length}×)`,
          measured: `median ${ms(quantile(values, 0.5))}, p95 ${ms(p95)}, max ${ms(Math.max(...values))}`,
          limit: `p95 < ${FILTER_BUDGET_MS} ms`,
          ok: p95 < FILTER_BUDGET_MS,
        });
      }
    } finally {
      await service.stop();
      if (sqliteDir) rmSync(sqliteDir, { recursive: true, force: true });
      await postgres?.drop();
    }
  }
} finally {
  await browser.close();
  if (kafka.started) await stopKafka();
}

rows.unshift({
  budget: `first load of /console/ as a tenant admin (landing ${firstLoad.landing}): JavaScript, gzip -6`,
  measured: `${kb(firstLoad.gzipBytes)} in ${firstLoad.files.length} files (${kb(firstLoad.bytes)} uncompressed)`,
  limit: `< ${kb(JS_BUDGET_BYTES)}`,
  ok: firstLoad.gzipBytes < JS_BUDGET_BYTES,
});
console.log('');
for (const file of firstLoad.files) console.log(`  ${file.path.padEnd(60)} ${kb(file.gzipBytes).padStart(10)} gzip  ${kb(file.bytes).padStart(10)}`);
console.log('');
const widths = ['budget', 'measured', 'limit'].map((key) => Math.max(key.length, ...rows.map((row) => row[key].length)));
const line = (cells) => `| ${cells.map((cell, index) => cell.padEnd(widths[index] ?? 4)).join(' | ')} |`;
console.log(line(['budget', 'measured', 'limit', 'ok']));
console.log(line(widths.map((width) => '-'.repeat(width)).concat('--')));
for (const row of rows) console.log(line([row.budget, row.measured, row.limit, row.ok ? 'yes' : 'NO']));
const exceeded = rows.filter((row) => !row.ok);
if (exceeded.length > 0) {
  console.error(`\n${exceeded.length} budget(s) exceeded`);
  process.exit(1);
}

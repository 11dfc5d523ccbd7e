#!/usr/bin/env node
// The operator's command for the quarantine topic, over config-service's HTTP API:
//   npm run quarantine -- list [--topic T] [--since ISO] [--until ISO] [--limit N] [--json]
//   npm run quarantine -- replay <partition:offset>… | --topic T --since ISO --until ISO [--json]
// Token: HOOKBUS_ADMIN_TOKEN, or on a local run .data/admin-token. CONFIG_URL defaults to http://127.0.0.1:3001.
// Exit codes: 0 done, 1 failed (or a message was not found), 2 usage.
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const USAGE = `usage: npm run quarantine -- list [--topic T] [--since ISO] [--until ISO] [--limit N] [--json]
       npm run quarantine -- replay <partition:offset>... | --topic T --since ISO --until ISO [--json]`;

class UsageError extends Error {}

function parse(argv) {
  const [command, ...rest] = argv;
  if (command !== 'list' && command !== 'replay') throw new UsageError(command ? `unknown command: ${command}` : 'no command');
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: command === 'replay',
    options: { topic: { type: 'string' }, since: { type: 'string' }, until: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } },
  });
  if (command === 'replay') {
    const window = values.topic !== undefined || values.since !== undefined || values.until !== undefined;
    if (positionals.length > 0 === window) throw new UsageError('replay takes ids, or --topic with --since and --until');
    if (window && (!values.topic || !values.since || !values.until)) throw new UsageError('a replay window needs --topic, --since and --until');
    if (values.limit !== undefined) throw new UsageError('--limit is for list');
  }
  return { command, options: values, ids: positionals };
}

function token() {
  if (process.env.HOOKBUS_ADMIN_TOKEN) return process.env.HOOKBUS_ADMIN_TOKEN;
  if (existsSync('.data/admin-token')) return readFileSync('.data/admin-token', 'utf8').trim();
  throw new Error('set HOOKBUS_ADMIN_TOKEN (the operator token)');
}

async function call(method, path, body) {
  const base = (process.env.CONFIG_URL || 'http://127.0.0.1:3001').replace(/\/$/, '');
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token()}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    const errors = (answer.errors ?? []).map(({ field, message }) => `\n  ${field}: ${message}`).join('');
    throw new Error(`${method} ${path} answered ${response.status}: ${answer.detail ?? answer.title ?? ''}${errors}`);
  }
  return answer;
}

const cut = (text, width) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);

function table(items) {
  const rows = items.map((item) => [
    item.id,
    item.source ? `${item.source.topic}/${item.source.partition}/${item.source.offset}` : '?',
    cut(item.key ?? '', 24),
    item.quarantinedAt,
    item.replayedAt ?? '-',
    cut(item.reason ?? '', 60),
  ]);
  const header = ['ID', 'SOURCE', 'KEY', 'QUARANTINED', 'REPLAYED', 'REASON'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  return [header, ...rows].map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()).join('\n');
}

async function list(options) {
  const query = new URLSearchParams(Object.entries({ topic: options.topic, since: options.since, until: options.until, limit: options.limit }).filter(([, value]) => value !== undefined));
  let count = 0;
  // Page by page, so a large quarantine is never held whole; --json prints one message a line.
  for (let cursor; ; ) {
    if (cursor) query.set('cursor', cursor);
    const page = await call('GET', `/v1/quarantine?${query}`);
    count += page.items.length;
    if (options.json) page.items.forEach((item) => console.log(JSON.stringify(item)));
    else if (page.items.length > 0) console.log(table(page.items));
    if (!page.next) break;
    cursor = page.next;
  }
  if (!options.json) console.log(`${count} quarantined message(s)`);
  return 0;
}

async function replay(options, ids) {
  const body = ids.length > 0 ? { ids } : { topic: options.topic, since: options.since, until: options.until };
  const answer = await call('POST', '/v1/quarantine/replay', body);
  if (options.json) console.log(JSON.stringify(answer));
  else {
    answer.replayed.forEach((id) => console.log(`replayed   ${id}`));
    answer.skipped.forEach((id) => console.log(`skipped    ${id} (replayed before)`));
    answer.notFound.forEach((id) => console.log(`not found  ${id}`));
    console.log(`${answer.replayed.length} replayed, ${answer.skipped.length} skipped, ${answer.notFound.length} not found`);
  }
  return answer.notFound.length > 0 ? 1 : 0;
}

try {
  const { command, options, ids } = parse(process.argv.slice(2));
  process.exitCode = command === 'list' ? await list(options) : await replay(options, ids);
} catch (error) {
  const usage = error instanceof UsageError || error?.code?.startsWith?.('ERR_PARSE_ARGS');
  console.error(usage ? `${error.message}\n${USAGE}` : `quarantine: ${error.message}`);
  process.exitCode = usage ? 2 : 1;
}

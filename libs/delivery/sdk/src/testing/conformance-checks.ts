import type { HookbusEvent } from '@hookbus/contracts';
import type { z } from 'zod';
import type { DeliverablePlugin } from '../deliverable-plugin';
import { NOTHING_ALLOW_LISTED, type Subscription } from '../delivery-plugin';
import type { Classification, ClassifyContext, DeliveryOutcome } from '../delivery-outcome';
import { parseUrl } from '../parse-url';
import { headerValue } from '../header-value';
import { validateSubscription } from '../subscription-validation';

// The kit's checks as plain functions returning what is wrong, so the kit itself can be tested.

/** An event the subscription should receive; the subscription must pass the plugin's rules. */
export interface ConformanceFixture<Settings extends object = Record<string, unknown>> {
  readonly name: string;
  readonly event: HookbusEvent;
  readonly subscription: Subscription<Settings>;
}

type AnyPlugin = DeliverablePlugin<z.ZodObject>;

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const SIGNATURE_HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'];
const MAX_TIMEOUT_MS = 60_000;
const MIN_SECRET_LENGTH = 6;

export function definitionProblems(plugin: AnyPlugin, fixtures: readonly ConformanceFixture[]): string[] {
  const problems: string[] = [];
  const { timeoutMs } = plugin;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > MAX_TIMEOUT_MS) {
    problems.push(`timeoutMs ${timeoutMs} is not within 1..${MAX_TIMEOUT_MS}`);
  }
  for (const hook of plugin.hooks) {
    if (!fixtures.some((fixture) => fixture.subscription.hook === hook.name)) problems.push(`no fixture for hook "${hook.name}"`);
  }
  return problems;
}

export function fixtureProblems(plugin: AnyPlugin, { event, subscription }: ConformanceFixture): string[] {
  const problems: string[] = [];
  const validated = validateSubscription(plugin, subscription, NOTHING_ALLOW_LISTED);
  if (!validated.ok) problems.push(`subscription is invalid: ${validated.issues.map((i) => `${i.field} ${i.rule}`).join(', ')}`);
  const hook = plugin.hooks.find((candidate) => candidate.name === subscription.hook);
  if (!hook?.eventTypes.includes(event.type)) problems.push(`hook "${subscription.hook}" does not serve ${event.type}`);
  const matched = plugin.matches?.(event, subscription) ?? true;
  if (matched !== true) problems.push(`matches() returned ${String(matched)}`);
  return problems;
}

export function renderProblems(plugin: AnyPlugin, fixture: ConformanceFixture): string[] {
  const { event, subscription } = fixture;
  const before = structuredClone({ event, subscription });
  const context = { deliveryId: 'dlv_conformance', attempt: 1 };
  const request = plugin.render(event, subscription, context);
  const problems: string[] = [];
  const fail = (message: string) => problems.push(message);

  if (!plugin.methods.includes(request.method) || request.method !== subscription.method) {
    fail(`method ${request.method} is not the subscription's ${subscription.method}`);
  }
  const url = parseUrl(request.url);
  if (!url || !['http:', 'https:'].includes(url.protocol)) fail(`url ${request.url} is not an absolute http(s) URL`);
  else if (url.origin !== parseUrl(subscription.url)?.origin) fail(`url ${request.url} leaves the origin of ${subscription.url}`);

  const names = Object.keys(request.headers);
  const lower = names.map((name) => name.toLowerCase());
  if (new Set(lower).size !== lower.length) fail(`header names repeat ignoring case: ${names.join(', ')}`);
  for (const name of names) {
    if (!TOKEN.test(name)) fail(`header name ${JSON.stringify(name)} is not an HTTP token`);
    if (/[\r\n\0]/.test(request.headers[name])) fail(`header ${name} has a line break or NUL`);
    if (SIGNATURE_HEADERS.includes(name.toLowerCase())) fail(`header ${name} is the sender's to add`);
  }
  for (const name of request.secretHeaders) if (!names.includes(name)) fail(`secret header ${name} is not sent`);
  for (const secret of secretsOf(subscription)) {
    for (const name of names) {
      if (request.headers[name].includes(secret) && !request.secretHeaders.includes(name)) fail(`header ${name} carries a secret but is not marked`);
    }
    if (request.url.includes(secret) || request.body.includes(secret)) fail('a secret leaks into the URL or body');
  }
  if (subscription.auth.type !== 'none' && request.secretHeaders.length === 0) fail(`auth ${subscription.auth.type} sends no secret header`);

  const contentType = headerValue(request.headers, 'content-type');
  if (request.method === 'GET' && request.body !== '') fail('GET has a body');
  if (request.body !== '' && !contentType) fail('a body without Content-Type');
  if (contentType && /^application\/([\w.+-]+\+)?json\b/i.test(contentType) && !isJson(request.body)) fail('body is not valid JSON');

  if (JSON.stringify(plugin.render(event, subscription, context)) !== JSON.stringify(request)) fail('render is not deterministic');
  if (JSON.stringify({ event, subscription }) !== JSON.stringify(before)) fail('render mutated its input');
  return problems;
}

/** Outcomes every dialect must judge sanely, and what "sanely" means for each. */
export const CLASSIFY_CASES: readonly { name: string; outcome: DeliveryOutcome; check: (verdict: Classification) => string | undefined }[] = [
  { name: '200', outcome: response(200), check: (v) => (v.result === 'delivered' ? undefined : 'must be delivered') },
  { name: '410', outcome: response(410), check: (v) => (v.result === 'failed' && v.gone === true ? undefined : 'must fail with gone') },
  { name: '500', outcome: response(500), check: (v) => (v.result === 'retry' ? undefined : 'must be retried') },
  { name: '429', outcome: response(429), check: (v) => (v.result === 'retry' ? undefined : 'must be retried') },
  {
    name: '503 with Retry-After: 30',
    outcome: response(503, { 'retry-after': '30' }),
    check: (v) => (v.result === 'retry' && v.retryAfterMs === 30_000 ? undefined : 'must be retried after 30 s'),
  },
  { name: 'timeout', outcome: failure('timeout'), check: (v) => (v.result === 'delivered' ? 'must not be delivered' : undefined) },
  { name: 'connection error', outcome: failure('connection'), check: (v) => (v.result === 'delivered' ? 'must not be delivered' : undefined) },
  { name: 'refused by egress policy', outcome: failure('ssrf_refused'), check: (v) => (v.result === 'failed' ? undefined : 'must fail at once') },
];

export function classifyProblems(plugin: AnyPlugin, fixture: ConformanceFixture, { outcome, check }: (typeof CLASSIFY_CASES)[number]): string[] {
  const context: ClassifyContext = { deliveryId: 'dlv_conformance', attempt: 1, event: fixture.event, subscription: fixture.subscription };
  const verdict = plugin.classify(outcome, context);
  const problems: string[] = [];
  const wrong = check(verdict);
  if (wrong) problems.push(`${wrong}, got ${JSON.stringify(verdict)}`);
  if (verdict.result !== 'delivered' && !verdict.reason) problems.push('a verdict other than delivered needs a reason');
  if (verdict.result === 'retry' && verdict.retryAfterMs !== undefined && !(verdict.retryAfterMs >= 0)) problems.push('retryAfterMs must be ≥ 0');
  if (JSON.stringify(plugin.classify(outcome, context)) !== JSON.stringify(verdict)) problems.push('classify is not deterministic');
  return problems;
}

function response(status: number, headers: Record<string, string> = {}): DeliveryOutcome {
  return { kind: 'response', status, headers: { 'content-type': 'application/json', ...headers }, body: '' };
}

function failure(error: 'timeout' | 'connection' | 'ssrf_refused'): DeliveryOutcome {
  return { kind: 'error', error, message: `simulated ${error}` };
}

// Secrets to look for in what is sent; very short ones would raise false alarms (`p` is in
// `application/json`), though Basic credentials are still searched for in base64.
function secretsOf({ auth }: Subscription): string[] {
  const secrets: string[] = [];
  if (auth.type === 'token' || auth.type === 'bearer') secrets.push(auth.token);
  if (auth.type === 'basic') secrets.push(auth.password, Buffer.from(`${auth.username}:${auth.password}`).toString('base64'));
  return secrets.filter((secret) => secret.length >= MIN_SECRET_LENGTH);
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

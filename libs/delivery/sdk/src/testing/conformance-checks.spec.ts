import { z } from 'zod';
import type { DeliverablePlugin } from '../deliverable-plugin';
import { defaultClassify } from '../default-classifier';
import { jsonRequest } from '../json-request';
import { CLASSIFY_CASES, classifyProblems, definitionProblems, fixtureProblems, renderProblems, type ConformanceFixture } from './conformance-checks';
import { runPluginConformance } from './plugin-conformance';
import { testEvent } from './test-event';

const settingsSchema = z.strictObject({});
const good: DeliverablePlugin<typeof settingsSchema> = {
  vendor: 'fake',
  title: 'Fake',
  hooks: [{ name: 'confirmed', eventTypes: ['order.confirmed'] }],
  methods: ['POST', 'GET'],
  defaultMethod: 'POST',
  authTypes: ['none', 'bearer'],
  settingsSchema,
  retry: { delaysSeconds: [1] },
  timeoutMs: 5_000,
  render: (event, subscription) => jsonRequest(subscription, JSON.stringify({ id: event.id })),
  classify: defaultClassify,
};

const fixture: ConformanceFixture<z.output<typeof settingsSchema>> = {
  name: 'confirmed order',
  event: testEvent('order.confirmed', { companyId: 1, orderId: 2 }),
  subscription: {
    plugin: 'fake',
    hook: 'confirmed',
    url: 'https://receiver.example/in',
    method: 'POST',
    enabled: true,
    auth: { type: 'bearer', token: 'sekr3t' },
    errorEmails: [],
    settings: {},
  },
};

const sound = good as unknown as DeliverablePlugin;
const broken = (render: DeliverablePlugin['render']): DeliverablePlugin => ({ ...sound, render });
const json = { 'Content-Type': 'application/json' };
const request = { method: 'POST' as const, url: 'https://receiver.example/in', headers: json, body: '{}', secretHeaders: [] };
// A plugin whose render returns `request` with some fields changed.
const rendering = (changes: object) => broken(() => ({ ...request, ...changes }));

runPluginConformance(good, [fixture]);

describe('conformance checks', () => {
  it('find nothing wrong with a sound plugin', () => {
    expect(definitionProblems(sound, [fixture])).toEqual([]);
    expect(fixtureProblems(sound, fixture)).toEqual([]);
    expect(renderProblems(sound, fixture)).toEqual([]);
  });

  it('catch a missing hook fixture and a silly timeout', () => {
    const plugin = { ...sound, timeoutMs: 600_000, hooks: [...good.hooks, { name: 'cancelled', eventTypes: ['order.cancelled' as const] }] };
    expect(definitionProblems(plugin, [fixture])).toEqual(['timeoutMs 600000 is not within 1..60000', 'no fixture for hook "cancelled"']);
  });

  it('catch an invalid subscription, a wrong route and a fixture that does not match', () => {
    const plugin = { ...sound, matches: () => false };
    const event = testEvent('order.cancelled', { companyId: 1, orderId: 2 });
    const wrong = { ...fixture, event, subscription: { ...fixture.subscription, method: 'PUT' as const } };
    expect(fixtureProblems(plugin, wrong)).toEqual([
      'subscription is invalid: method method_not_allowed',
      'hook "confirmed" does not serve order.cancelled',
      'matches() returned false',
    ]);
  });

  const bearer = { ...json, Authorization: 'Bearer sekr3t' };
  it.each([
    ['another origin', rendering({ url: 'https://evil.example/in', headers: bearer, secretHeaders: ['Authorization'] }), 'leaves the origin'],
    ['a relative URL', rendering({ url: '/in' }), 'not an absolute http(s) URL'],
    ['another method', rendering({ method: 'GET' }), "method GET is not the subscription's POST"],
    ['an unmarked secret', rendering({ headers: bearer }), 'carries a secret but is not marked'],
    ['a secret in the body', rendering({ body: '{"token":"sekr3t"}' }), 'leaks into the URL or body'],
    ['a signature header', rendering({ headers: { ...json, 'Webhook-Id': 'x' } }), "is the sender's to add"],
    ['a header with a line break', rendering({ headers: { ...json, 'X-A': 'a\r\nb' } }), 'line break'],
    ['a repeated header', rendering({ headers: { ...json, 'content-type': 'text/plain' } }), 'repeat ignoring case'],
    ['invalid JSON', rendering({ body: '{' }), 'not valid JSON'],
    ['a body without a content type', rendering({ headers: {} }), 'without Content-Type'],
    ['a random body', broken(() => ({ ...request, body: JSON.stringify({ n: Math.random() }) })), 'not deterministic'],
  ])('catch a render with %s', (_name, plugin, problem) => {
    expect(renderProblems(plugin, fixture)).toContainEqual(expect.stringContaining(problem));
  });

  it('catch a render that mutates the event', () => {
    const plugin = broken((event) => {
      (event.data as Record<string, unknown>)['touched'] = true;
      return request;
    });
    const noAuth = { ...fixture, subscription: { ...fixture.subscription, auth: { type: 'none' as const } } };
    expect(renderProblems(plugin, noAuth)).toEqual(['render mutated its input']);
  });

  it('catch a classifier that delivers everything or retries without a reason', () => {
    const lenient: DeliverablePlugin = { ...sound, classify: () => ({ result: 'delivered' }) };
    const problems = CLASSIFY_CASES.flatMap((entry) => classifyProblems(lenient, fixture, entry));
    expect(problems).toHaveLength(CLASSIFY_CASES.length - 1);
    const reasonless: DeliverablePlugin = { ...sound, classify: () => ({ result: 'retry', reason: '' }) };
    expect(classifyProblems(reasonless, fixture, CLASSIFY_CASES[2])).toEqual(['a verdict other than delivered needs a reason']);
  });

  it('refuses to run without fixtures', () => {
    expect(() => runPluginConformance(good, [])).toThrow('needs at least one fixture');
  });
});

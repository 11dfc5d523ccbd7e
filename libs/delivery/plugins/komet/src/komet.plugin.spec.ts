import { NOTHING_ALLOW_LISTED, validateSubscription } from '@hookbus/delivery-sdk';
import { kometPlugin } from './komet.plugin';

const validate = (input: unknown) => validateSubscription(kometPlugin, input, NOTHING_ALLOW_LISTED);
const base = { plugin: 'komet', hook: 'order-confirmation', url: 'https://erp.example/komet' };
const rulesOf = (input: unknown) => {
  const result = validate(input);
  return result.ok ? [] : result.issues.map(({ field, rule }) => ({ field, rule }));
};

describe('kometPlugin', () => {
  it('declares the three Komet hooks, the event type each takes and what it calls the subject', () => {
    expect(kometPlugin.hooks).toEqual([
      { name: 'order-confirmation', eventTypes: ['order.confirmed'], subjectLabel: 'Order' },
      { name: 'order-cancellation', eventTypes: ['order.cancelled'], subjectLabel: 'Order' },
      { name: 'payment-cancellation', eventTypes: ['payment.cancelled'], subjectLabel: 'Payment' },
    ]);
  });

  it.each(['order-confirmation', 'order-cancellation', 'payment-cancellation'])('accepts hook %s with POST by default', (hook) => {
    const result = validate({ ...base, hook });
    expect(result).toEqual({ ok: true, value: expect.objectContaining({ hook, method: 'POST', settings: {} }) });
  });

  it('refuses another hook', () => {
    expect(rulesOf({ ...base, hook: 'order-status' })).toEqual([{ field: 'hook', rule: 'unknown_hook' }]);
  });

  it.each(['GET', 'PUT'])('refuses method %s', (method) => {
    expect(rulesOf({ ...base, method })).toEqual([{ field: 'method', rule: 'method_not_allowed' }]);
  });

  it.each([
    { type: 'none' },
    { type: 'token', token: 'k'.repeat(50) },
    { type: 'basic', username: 'erp', password: 'pw' },
    { type: 'bearer', token: 'abc' },
  ])('accepts auth %j', (auth) => {
    expect(rulesOf({ ...base, auth })).toEqual([]);
  });

  it('refuses an authenticationToken longer than 50 characters', () => {
    expect(rulesOf({ ...base, auth: { type: 'token', token: 'k'.repeat(51) } })).toEqual([{ field: 'auth.token', rule: 'too_big' }]);
  });

  it('takes up to 5 error e-mails', () => {
    const emails = ['a@x.io', 'b@x.io', 'c@x.io', 'd@x.io', 'e@x.io'];
    expect(rulesOf({ ...base, errorEmails: emails })).toEqual([]);
    expect(rulesOf({ ...base, errorEmails: [...emails, 'f@x.io'] })).toEqual([{ field: 'errorEmails', rule: 'too_big' }]);
  });

  it('has no settings', () => {
    expect(rulesOf({ ...base, settings: {} })).toEqual([]);
    expect(rulesOf({ ...base, settings: { filter: 'x' } })).toEqual([{ field: 'settings.filter', rule: 'unrecognized_keys' }]);
  });

  it('allows plain http (only komerce insists on https)', () => {
    expect(rulesOf({ ...base, url: 'http://erp.example/komet' })).toEqual([]);
  });

  it('retries 5 times by default and refuses a longer policy', () => {
    expect(kometPlugin.retry.delaysSeconds).toEqual([30, 120, 600, 1800, 3600]);
    expect(rulesOf({ ...base, retryPolicy: { delaysSeconds: [10, 10, 10, 10, 10] } })).toEqual([]);
    expect(rulesOf({ ...base, retryPolicy: { delaysSeconds: [10, 10, 10, 10, 10, 10] } })).toEqual([
      { field: 'retryPolicy.delaysSeconds', rule: 'too_many_retries' },
    ]);
  });

});

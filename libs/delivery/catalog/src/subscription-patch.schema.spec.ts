import { zodIssues } from '@hookbus/contracts';
import { subscriptionPatchSchema } from './subscription-patch.schema';

function patchRules(input: unknown) {
  const result = subscriptionPatchSchema.safeParse(input);
  return result.success ? [] : zodIssues(result.error).map(({ field, rule }) => ({ field, rule }));
}

describe('subscriptionPatchSchema', () => {
  it('accepts an empty patch and adds no defaults', () => {
    expect(subscriptionPatchSchema.parse({})).toEqual({});
  });

  it('accepts null settings and a null retry policy', () => {
    expect(patchRules({ settings: { filter: null }, retryPolicy: null, rateLimit: null })).toEqual([]);
  });

  it('refuses plugin and hook, even unchanged', () => {
    expect(patchRules({ plugin: 'komet', hook: 'order-confirmation' })).toEqual([
      { field: 'plugin', rule: 'immutable' },
      { field: 'hook', rule: 'immutable' },
    ]);
  });

  it('applies the same field rules as creation', () => {
    expect(patchRules({ url: 'nope', errorEmails: ['x'], id: 'sub_1' })).toEqual([
      { field: 'url', rule: 'invalid_url' },
      { field: 'errorEmails.0', rule: 'invalid_format' },
      { field: 'id', rule: 'unrecognized_keys' },
    ]);
  });
});

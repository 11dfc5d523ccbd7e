import { toIssues, type ValidationIssue } from './validation';
import type { z } from 'zod';

export const issue = (field: string, rule: string, message: string): ValidationIssue => ({ field, rule, message });

/**
 * Zod issues as API issues. Builds on contracts' `toIssues`, with two refinements: a custom issue
 * carries its rule code in `params.rule` (see `ruleIssue`), and an unknown key is reported on its
 * own dotted path rather than on the enclosing object.
 */
export function zodIssues(error: z.ZodError, prefix: readonly PropertyKey[] = []): ValidationIssue[] {
  const mapped = toIssues(error, prefix);
  return error.issues.flatMap((raw, index) => {
    if (raw.code === 'unrecognized_keys') {
      const at = [...prefix, ...raw.path].map(String);
      return raw.keys.map((key) => issue([...at, key].join('.'), raw.code, 'is not a known field'));
    }
    const rule = raw.code === 'custom' && typeof raw.params?.['rule'] === 'string' ? raw.params['rule'] : mapped[index].rule;
    return [{ ...mapped[index], rule }];
  });
}

/** A custom zod issue with a rule code, for `ctx.addIssue` inside `superRefine`. */
export const ruleIssue = (rule: string, message: string, path: PropertyKey[] = []) =>
  ({ code: 'custom', rule, message, path, params: { rule } }) as const;

/** `superRefine` callback refusing repeated items; `key` decides what counts as the same item. */
export const refineUnique =
  <T>(key: (item: T) => unknown = (item) => item) =>
  (items: readonly T[], ctx: z.RefinementCtx): void => {
    const seen = new Set<unknown>();
    items.forEach((item, index) => {
      const k = key(item);
      if (seen.has(k)) ctx.addIssue(ruleIssue('duplicate', 'is listed more than once', [index]));
      seen.add(k);
    });
  };

import type { z } from 'zod';

/** One broken rule: the dotted path of the offending field, the rule's code and a readable message. */
export interface ValidationIssue {
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

export function toIssues(error: z.ZodError, prefix: readonly PropertyKey[] = []): ValidationIssue[] {
  return error.issues.map((issue) => ({
    field: [...prefix, ...issue.path].map(String).join('.') || '(root)',
    rule: issue.code,
    message: issue.message,
  }));
}

export function validate<S extends z.ZodType>(schema: S, input: unknown): Validated<z.output<S>> {
  const result = schema.safeParse(input);
  return result.success ? { ok: true, value: result.data } : { ok: false, issues: toIssues(result.error) };
}

/** `data.orderId: Invalid input (invalid_type); …` — for logs and quarantine reasons. */
export const describeIssues = (issues: readonly ValidationIssue[]): string =>
  issues.map((issue) => `${issue.field}: ${issue.message} (${issue.rule})`).join('; ');

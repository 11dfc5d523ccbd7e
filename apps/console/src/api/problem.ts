/** One offending field of a problem+json answer, as config-service names it (`url`, `errorEmails[5]`, …). */
export interface FieldIssue {
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

/** An RFC 9457 problem answer: what the console shows beside the fields, or above the form. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly issues: readonly FieldIssue[],
  ) {
    super(detail ?? title);
  }

  static from(status: number, body: unknown): ProblemError {
    const problem = (typeof body === 'object' && body !== null ? body : {}) as { title?: string; detail?: string; errors?: FieldIssue[] };
    return new ProblemError(status, problem.title ?? `HTTP ${status}`, problem.detail, problem.errors ?? []);
  }

  /** The message for `field` and the fields under it (`settings.filter` for `settings`), if any. */
  issueFor(field: string): string | undefined {
    return this.issues.find((issue) => issue.field === field || issue.field.startsWith(`${field}.`) || issue.field.startsWith(`${field}[`))?.message;
  }
}

/** The field messages of an error, for forms: empty unless it is a problem with field issues. */
export const issuesOf = (error: unknown): ((field: string) => string | undefined) =>
  error instanceof ProblemError ? (field) => error.issueFor(field) : () => undefined;

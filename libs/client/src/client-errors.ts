import { describeIssues, type ValidationIssue } from '@hookbus/contracts';
import type { PublishedEvent } from './event-input';

/** A refusal as hookbus answers it: `application/problem+json` naming each broken field and rule. */
export interface Problem {
  readonly type?: string;
  readonly status?: number;
  readonly title?: string;
  readonly detail?: string;
  readonly errors?: readonly ValidationIssue[];
}

export class HookbusError extends Error {
  /**
   * On a publish: the events, ids included, that the platform has not confirmed. Publishing them
   * again is safe, since the platform is idempotent on the event id.
   */
  unconfirmed: readonly PublishedEvent[] = [];
}

/** An event breaks the contract. Checked before any request, so nothing was sent. */
export class InvalidEventError extends HookbusError {
  constructor(readonly issues: readonly ValidationIssue[]) {
    super(`the event breaks the contract: ${describeIssues(issues)}`);
    this.name = 'InvalidEventError';
  }
}

/** The platform refused the request (a 4xx other than 429): sending it again unchanged cannot help. */
export class RefusedError extends HookbusError {
  constructor(
    readonly request: string,
    readonly status: number,
    readonly problem: Problem | string,
  ) {
    super(`${request} answered ${status}${describeProblem(problem)}`);
    this.name = 'RefusedError';
  }
}

/** No answer, or only 5xx or 429, after every attempt the client was allowed. */
export class UnavailableError extends HookbusError {
  constructor(
    message: string,
    readonly attempts: number,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'UnavailableError';
  }
}

/** `: <title>: <detail> (<field>: <message> (<rule>); …)`, or nothing when the problem says nothing. */
export function describeProblem(problem: Problem | string): string {
  if (typeof problem === 'string') return problem ? `: ${problem}` : '';
  const summary = [problem.title, problem.detail].filter(Boolean).join(': ');
  const issues = problem.errors?.length ? ` (${describeIssues(problem.errors)})` : '';
  return summary || issues ? `: ${summary}${issues}` : '';
}

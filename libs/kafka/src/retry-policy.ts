import { errorMessage, isRetriable } from './errors';
import { isOutageError } from './outage-error';

/** Something a handler needs (the broker, the database); same shape as a readiness check. */
export interface DependencyProbe {
  readonly name: string;
  /** Resolves when the dependency answers; rejects with the reason otherwise. */
  check(): Promise<void>;
}

export interface RetryPolicy {
  /** Failures, with every dependency answering, before the message is quarantined. */
  readonly maxAttempts: number;
  /** First wait; doubled after each failure up to maxRetryDelayMs. */
  readonly retryDelayMs: number;
  readonly maxRetryDelayMs: number;
  readonly probes: readonly DependencyProbe[];
}

/** What the policy needs from the consumer around it. */
export interface RetryHooks {
  /** Waits before the next attempt, keeping the group session alive; rejects to abandon the message. */
  wait(ms: number): Promise<void>;
  /** An outage began or goes on (with its reason), or ended (undefined). */
  outage(reason: string | undefined): void;
}

export type RetryOutcome = { readonly handled: true } | { readonly handled: false; readonly reason: string; readonly attempts: number };

/**
 * Why a failure is an outage rather than the message's fault, or undefined. An error that names an
 * unreachable dependency is one at once; otherwise the probes are asked, since a handler's error
 * need not say (an ORM may wrap a lost connection in its own error). A non-retriable error is the
 * message's own fault and is not probed.
 */
async function outageBehind(error: unknown, probes: readonly DependencyProbe[]): Promise<string | undefined> {
  if (isOutageError(error)) return errorMessage(error);
  if (!isRetriable(error)) return undefined;
  const answers = await Promise.allSettled(probes.map((probe) => probe.check()));
  const down = answers.findIndex((answer) => answer.status === 'rejected');
  if (down < 0) return undefined;
  return `${probes[down].name} unreachable: ${errorMessage((answers[down] as PromiseRejectedResult).reason)}`;
}

const backoff = (policy: RetryPolicy, step: number) => Math.min(policy.retryDelayMs * 2 ** Math.min(step, 30), policy.maxRetryDelayMs);

/**
 * Runs a handler until it succeeds or the message is found to be poison. An outage of a dependency
 * is waited out for as long as it lasts, with capped backoff, and no attempt is counted: a message
 * is quarantined only after failing maxAttempts times while everything it needs answered, or at
 * once when its error is not retriable (malformed input).
 */
export async function handleWithRetries(handle: () => Promise<void>, policy: RetryPolicy, hooks: RetryHooks): Promise<RetryOutcome> {
  let attempts = 0;
  let outageWaits = 0;
  for (;;) {
    try {
      await handle();
      if (outageWaits > 0) hooks.outage(undefined);
      return { handled: true };
    } catch (error) {
      const outage = await outageBehind(error, policy.probes);
      if (outage !== undefined) {
        hooks.outage(outage);
        await hooks.wait(backoff(policy, outageWaits));
        outageWaits += 1;
        continue;
      }
      if (outageWaits > 0) hooks.outage(undefined);
      outageWaits = 0;
      attempts += 1;
      if (!isRetriable(error) || attempts >= policy.maxAttempts) return { handled: false, reason: errorMessage(error), attempts };
      await hooks.wait(backoff(policy, attempts - 1));
    }
  }
}

/**
 * A probe whose answer is shared by every caller within `reuseMs`: with hundreds of messages in
 * flight through an outage, each retry would otherwise send its own ping to the dependency.
 */
export function sharedAnswers(probe: DependencyProbe, reuseMs: number): DependencyProbe {
  let answer: { at: number; settled: Promise<void> } | undefined;
  return {
    name: probe.name,
    check: () => {
      if (answer === undefined || Date.now() - answer.at > reuseMs) answer = { at: Date.now(), settled: probe.check() };
      return answer.settled;
    },
  };
}

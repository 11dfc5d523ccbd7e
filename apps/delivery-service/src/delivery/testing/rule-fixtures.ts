import type { RetryPolicy, Subscription } from '@hookbus/delivery-sdk';
import type { SendResult } from '@hookbus/delivery-transport';
import { deliveryRefOf } from '../delivery-ref';
import type { AttemptContext, AttemptMade, DeliveryDecision, RuleClock } from '../rules';
import { decideVerdict } from '../rules';
import { registeredPlugin } from './registered-plugin';
import { VENDOR_SAMPLES } from './vendor-samples';

/** A fixed instant and no jitter: a rule's due times are exact. */
export const NOW = new Date('2026-03-01T12:00:00.000Z');
export const EXACT: RuleClock = { now: NOW, random: () => 0 };

/** `ms` after NOW, as the records write it. */
export const after = (ms: number): string => new Date(NOW.getTime() + ms).toISOString();

export interface ContextOptions {
  readonly attempt?: number;
  readonly retryPolicy?: RetryPolicy;
  readonly settings?: Record<string, unknown>;
  readonly errorEmails?: string[];
}

/** An attempt of a vendor's sample delivery, under the vendor's real policy. */
export function contextFor(vendor: string, { attempt = 1, retryPolicy, settings = {}, errorEmails = ['ops@example.com'] }: ContextOptions = {}): AttemptContext {
  const { hook, url, event } = VENDOR_SAMPLES[vendor];
  const subscription: Pick<Subscription, 'url' | 'errorEmails' | 'settings' | 'retryPolicy'> = { url, errorEmails, settings, ...(retryPolicy ? { retryPolicy } : {}) };
  return { ref: deliveryRefOf(event, { id: `sub_${vendor}`, plugin: vendor, hook }), event, plugin: registeredPlugin(vendor), subscription, attempt };
}

/** An HTTP answer, as the sender reports it. */
export const answer = (status: number, body = '', headers: Record<string, string> = {}): SendResult => ({ kind: 'response', status, headers, body, truncated: false, durationMs: 12 });

/** No answer at all. */
export const noAnswer = (error: 'timeout' | 'connection' | 'dns' | 'tls' | 'ssrf_refused' | 'protocol', message = 'no answer'): SendResult => ({
  kind: 'error',
  error,
  message,
  durationMs: 12,
});

/** The attempt as it went out and came back, as the executor hands it to the rules. */
export function madeOf(context: AttemptContext, result: SendResult): AttemptMade {
  return {
    at: NOW,
    request: { method: 'POST', url: context.subscription.url, headers: {}, body: '{}' },
    ...(result.kind === 'response' ? { response: { status: result.status, body: result.body } } : { error: `${result.error}: ${result.message}` }),
    durationMs: result.durationMs,
  };
}

/** What the rules decide once the vendor's real `classify` has judged the result. */
export function judge(context: AttemptContext, result: SendResult, clock: RuleClock = EXACT): DeliveryDecision {
  const { ref, event, attempt } = context;
  const plugin = registeredPlugin(ref.plugin);
  const verdict = plugin.classify(result, { event, subscription: context.subscription as Subscription, deliveryId: ref.deliveryId, attempt, now: clock.now });
  return decideVerdict(context, madeOf(context, result), verdict, clock);
}

/** Attempts 1, 2, … of one delivery, each getting `result`, until one does not ask for another: the statuses and due times in order. */
export function ladder(vendor: string, result: SendResult, options: ContextOptions = {}): { status: string; dueAt?: string }[] {
  const steps: { status: string; dueAt?: string }[] = [];
  for (let attempt = options.attempt ?? 1; steps.length < 50; attempt += 1) {
    const { status, dueAt } = judge(contextFor(vendor, { ...options, attempt }), result);
    steps.push(dueAt === undefined ? { status } : { status, dueAt });
    if (status !== 'retrying') return steps;
  }
  throw new Error('the delivery never ended');
}

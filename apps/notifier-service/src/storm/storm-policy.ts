import type { NotificationRecordV1 } from '@hookbus/contracts';

/** How many individual e-mails one subscription may cause per window. */
export interface StormPolicy {
  readonly maxPerWindow: number;
  readonly windowSeconds: number;
}

/** The current window of a subscription, as far as the decision needs it. */
export interface OpenWindow {
  readonly endsAt: Date;
  readonly sentCount: number;
}

/**
 * - `exempt`: e-mailed, outside any window (a disabled subscription must always be told);
 * - `open-window`: e-mailed, and starts a new window for the subscription;
 * - `send`: e-mailed, counted in the open window;
 * - `suppress`: not e-mailed now; listed in the window's digest when it closes.
 */
export type StormDecision = 'exempt' | 'open-window' | 'send' | 'suppress';

/**
 * The storm rule. A window opens with the first notification of a subscription (not on a fixed
 * clock), so a quiet subscription's first failure is always e-mailed at once; within the window the
 * first `maxPerWindow` notifications are e-mailed and the rest are summarised by one digest when the
 * window ends. Counting per subscription (the topic's key) keeps one noisy endpoint from muting
 * another's.
 */
export function stormDecision(
  type: NotificationRecordV1['type'],
  window: OpenWindow | null,
  policy: StormPolicy,
  now: Date,
): StormDecision {
  if (type === 'subscription.disabled') return 'exempt';
  if (!window || window.endsAt.getTime() <= now.getTime()) return 'open-window';
  return window.sentCount < policy.maxPerWindow ? 'send' : 'suppress';
}

export const windowEnd = (start: Date, policy: StormPolicy): Date => new Date(start.getTime() + policy.windowSeconds * 1000);

// config-service's answers, as far as the command's lines for people read them; `--json` prints them whole.

export interface Page<T> {
  readonly items: readonly T[];
  /** The `--cursor` of the next page; absent on the last. */
  readonly next?: string;
}

export interface DeliverySummary {
  readonly id: string;
  readonly eventId: string;
  readonly subscriptionId: string;
  readonly subject?: string;
  readonly plugin: string;
  readonly hook: string;
  readonly status: string;
  readonly attemptCount: number;
  readonly vendorMessage?: string;
  readonly dueAt?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface Attempt {
  readonly n: number;
  readonly at: string;
  readonly request: { readonly method: string; readonly url: string };
  readonly response?: { readonly status: number };
  readonly durationMs: number;
  readonly error?: string;
  readonly outcome: string;
}

export interface DeliveryDetail extends DeliverySummary {
  readonly attempts: readonly Attempt[];
  readonly retry: { readonly allowed: boolean; readonly reason?: string };
}

export interface Subscription {
  readonly id: string;
  readonly plugin: string;
  readonly hook: string;
  readonly url: string;
  readonly method: string;
  readonly enabled: boolean;
  readonly status: string;
  readonly disabledReason?: string;
  /** On create only. */
  readonly signingSecret?: string;
}

import { Inject, Injectable } from '@nestjs/common';
import type { DeliveryAttemptRecordV1, HookbusEvent, SubscriptionSnapshotV1 } from '@hookbus/contracts';
import { type Classification, type DeliverablePlugin, EndpointSlots, type SendResult, signWebhook } from '@hookbus/delivery-sdk';
import type { SecretBox } from '@hookbus/platform';
import { AttemptConsequences } from './attempt-consequences';
import { deliveryRefOf } from './delivery-ref';
import { DeliverySender } from './delivery-sender';
import { SECRET_BOX } from './delivery-tokens';
import { EndpointOverflow } from './endpoint-overflow';
import { maskHeaders } from './masked-headers';
import { activeSigningSecrets, plainSubscription } from './plain-subscription';

export interface AttemptInput {
  readonly event: HookbusEvent;
  readonly snapshot: SubscriptionSnapshotV1;
  readonly plugin: DeliverablePlugin;
  /** 1 for the first attempt; retries count on. */
  readonly attempt: number;
}

/**
 * One attempt of one delivery: render, sign (Standard Webhooks), send, classify, then log it and
 * schedule or report what follows. Resolves once every resulting record is on the broker.
 */
@Injectable()
export class AttemptExecutor {
  constructor(
    @Inject(SECRET_BOX) private readonly box: SecretBox,
    @Inject(DeliverySender) private readonly sender: DeliverySender,
    @Inject(AttemptConsequences) private readonly consequences: AttemptConsequences,
    @Inject(EndpointSlots) private readonly slots: EndpointSlots,
    @Inject(EndpointOverflow) private readonly overflow: EndpointOverflow,
  ) {}

  async execute({ event, snapshot, plugin, attempt }: AttemptInput): Promise<void> {
    const ref = deliveryRefOf(event, snapshot);
    const now = new Date();
    const subscription = plainSubscription(this.box, snapshot, plugin);
    const base = { ...ref, attempt, at: now.toISOString() };

    let rendered;
    try {
      rendered = plugin.render(event, subscription, { deliveryId: ref.deliveryId, attempt });
    } catch (error) {
      // Rendering is deterministic: the same event fails the same way on every retry.
      const reason = `render_failed: ${error instanceof Error ? error.message : String(error)}`;
      const request = { method: subscription.method, url: subscription.url, headers: {}, body: '' };
      const record: DeliveryAttemptRecordV1 = { ...base, request, durationMs: 0, error: reason, outcome: 'failed' };
      return this.consequences.apply({ ref, event, plugin, snapshot, subscription, attempt, record, verdict: { result: 'failed', reason } });
    }

    const signature = signWebhook({
      id: ref.deliveryId,
      timestamp: now,
      body: rendered.body,
      secrets: activeSigningSecrets(this.box, snapshot, now),
    });
    const headers = { ...rendered.headers, ...signature };
    const request = { method: rendered.method, url: rendered.url, headers: maskHeaders(headers, rendered.secretHeaders), body: rendered.body };
    // A full endpoint (typically one hanging until its timeout) is not waited for: retry path instead.
    const release = this.acquire(rendered.url);
    if (!release) {
      const inFlight = this.slots.busy(rendered.url);
      return this.overflow.defer({ ref, event, plugin, attempt, subscription, request, inFlight });
    }
    let result: SendResult;
    try {
      result = await this.send({ method: rendered.method, url: rendered.url, headers, body: rendered.body, timeoutMs: plugin.timeoutMs });
    } finally {
      release();
    }
    if (result.kind === 'response') this.overflow.answered(rendered.url);
    const verdict: Classification = plugin.classify(result, { event, subscription, deliveryId: ref.deliveryId, attempt, now: new Date() });

    const record: DeliveryAttemptRecordV1 = {
      ...base,
      request,
      ...(result.kind === 'response' ? { response: { status: result.status, body: result.body } } : {}),
      durationMs: result.durationMs,
      ...(result.kind === 'error' ? { error: `${result.error}: ${result.message}` } : {}),
      outcome: 'delivered',
    };
    await this.consequences.apply({ ref, event, plugin, snapshot, subscription, attempt, record, verdict });
  }

  // A URL that does not parse has no endpoint to protect; the sender reports it as a failed attempt.
  private acquire(url: string): (() => void) | undefined {
    try {
      return this.slots.tryAcquire(url);
    } catch {
      return () => undefined;
    }
  }

  // A request that can never be sent (e.g. a header with a line break) is a failed attempt, not a crash.
  private async send(request: Parameters<DeliverySender['send']>[0]): Promise<SendResult> {
    try {
      return await this.sender.send(request);
    } catch (error) {
      return { kind: 'error', error: 'protocol', message: `invalid request: ${(error as Error).message}`, durationMs: 0 };
    }
  }
}

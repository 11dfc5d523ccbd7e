import { Inject, Injectable } from '@nestjs/common';
import type { HookbusEvent, SubscriptionSnapshotV1 } from '@hookbus/contracts';
import type { Classification, DeliverablePlugin } from '@hookbus/delivery-sdk';
import { type EndpointGate, EndpointGates, type SendResult, signWebhook, SubscriptionPacer } from '@hookbus/delivery-transport';
import { type SecretBox, traceHeadersOf } from '@hookbus/platform';
import { finishAttemptSpan, startAttemptSpan } from './attempt-span';
import { countPutOff } from './delivery-metrics';
import { DeliveryPublisher } from './delivery.publisher';
import { type DeliveryRef, deliveryRefOf } from './delivery-ref';
import { DeliverySender } from './delivery-sender';
import { SECRET_BOX } from './delivery-tokens';
import { maskHeaders } from './masked-headers';
import { withHeaders } from './merged-headers';
import { activeSigningSecrets, plainSubscription } from './plain-subscription';
import { type AttemptContext, type AttemptMade, decidePutOff, decideVerdict, type DeliveryDecision, mayPutOff, type PutOff } from './rules';
import { UnpublishedDecisions } from './unpublished-decisions';

/** The longest a delivery waits in memory for its subscription's rate limit; beyond it, the retry path. */
export const MAX_PACED_WAIT_MS = 1_000;

export interface AttemptInput {
  readonly event: HookbusEvent;
  readonly snapshot: SubscriptionSnapshotV1;
  readonly plugin: DeliverablePlugin;
  /** 1 for the first attempt; retries count on. */
  readonly attempt: number;
  /** How often this attempt was put off already. */
  readonly deferrals?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One attempt of one delivery: render, sign (Standard Webhooks), wait for the subscription's rate
 * limit and the endpoint's flow control, send, classify; the delivery rules decide what that
 * means and the publisher writes it. Resolves once every resulting record is on the broker.
 */
@Injectable()
export class AttemptExecutor {
  private readonly unpublished = new UnpublishedDecisions();

  constructor(
    @Inject(SECRET_BOX) private readonly box: SecretBox,
    @Inject(DeliverySender) private readonly sender: DeliverySender,
    @Inject(EndpointGates) private readonly gates: EndpointGates,
    @Inject(SubscriptionPacer) private readonly pacer: SubscriptionPacer,
    @Inject(DeliveryPublisher) private readonly publisher: DeliveryPublisher,
  ) {}

  async execute(input: AttemptInput): Promise<void> {
    const ref = deliveryRefOf(input.event, input.snapshot);
    const key = `${ref.deliveryId}:${input.attempt}:${input.deferrals ?? 0}`;
    const decision = this.unpublished.take(key) ?? (await this.decide(input, ref));
    try {
      await this.publisher.publish(decision);
    } catch (error) {
      this.unpublished.hold(key, decision);
      throw error;
    }
  }

  private async decide({ event, snapshot, plugin, attempt, deferrals = 0 }: AttemptInput, ref: DeliveryRef): Promise<DeliveryDecision> {
    const subscription = plainSubscription(this.box, snapshot, plugin);
    const context: AttemptContext = { ref, event, plugin, subscription, attempt };

    let rendered;
    try {
      rendered = plugin.render(event, subscription, { deliveryId: ref.deliveryId, attempt });
    } catch (error) {
      // Rendering is deterministic: the same event fails the same way on every retry.
      const reason = `render_failed: ${error instanceof Error ? error.message : String(error)}`;
      const request = { method: subscription.method, url: subscription.url, headers: {}, body: '' };
      return decideVerdict(context, { at: new Date(), request, durationMs: 0, error: reason }, { result: 'failed', reason });
    }

    const loggedRequest = (headers = rendered.headers) => ({ method: rendered.method, url: rendered.url, headers: maskHeaders(headers, rendered.secretHeaders), body: rendered.body });
    const mayDefer = mayPutOff(deferrals);
    const putOff = (details: Omit<PutOff, 'deferrals' | 'request'>) => {
      countPutOff(details.reason);
      return decidePutOff(context, { deferrals, request: loggedRequest(), ...details });
    };

    const rateLimit = snapshot.rateLimit;
    if (rateLimit && mayDefer) {
      const key = (count: number) => `${ref.deliveryId}:${attempt}:${count}`;
      const at = this.pacer.take(snapshot.id, rateLimit.perSecond, key(deferrals));
      const waitMs = at - Date.now();
      if (waitMs > MAX_PACED_WAIT_MS) {
        this.pacer.reserve(key(deferrals + 1), at);
        return putOff({ until: at, reason: `rate_limited: the subscription sends at most ${rateLimit.perSecond} a second` });
      }
      if (waitMs > 0) await sleep(waitMs);
    }

    const gate = this.gateOf(rendered.url);
    const admission = gate ? await gate.admit(mayDefer) : undefined;
    if (admission && !admission.go) return putOff({ until: admission.until, reason: admission.reason, endpoint: gate?.flow() });

    // Signed once it may go: a delivery that waited its turn still carries a fresh timestamp.
    const now = new Date();
    const span = startAttemptSpan(ref, attempt, rendered);
    // The receiver may continue the trace (W3C `traceparent`); the signature covers only id, timestamp and body.
    const headers = withHeaders(
      rendered.headers,
      signWebhook({ id: ref.deliveryId, timestamp: now, body: rendered.body, secrets: activeSigningSecrets(this.box, snapshot, now) }),
      traceHeadersOf(span),
    );
    const result = await this.send({ method: rendered.method, url: rendered.url, headers, body: rendered.body, timeoutMs: plugin.timeoutMs });
    const paused = admission?.permit.done(result);
    const response = result.kind === 'response' ? { response: { status: result.status, body: result.body } } : {};
    // The endpoint asked to wait (Retry-After): the whole endpoint pauses, and this delivery waits with it.
    if (paused && mayDefer) return finishAttemptSpan(span, putOff({ until: paused.until, reason: paused.reason, endpoint: gate?.flow(), durationMs: result.durationMs, ...response }));

    const verdict: Classification = plugin.classify(result, { event, subscription, deliveryId: ref.deliveryId, attempt, now: new Date() });
    // Absent and undefined read alike to the rules; a spread per optional field would cost a copy each.
    const made: AttemptMade = {
      at: now,
      request: loggedRequest(headers),
      response: result.kind === 'response' ? { status: result.status, body: result.body } : undefined,
      durationMs: result.durationMs,
      error: result.kind === 'error' ? `${result.error}: ${result.message}` : undefined,
      deferrals,
      endpoint: gate?.flow(),
    };
    return finishAttemptSpan(span, decideVerdict(context, made, verdict));
  }

  // A URL that does not parse has no endpoint to protect; the sender reports it as a failed attempt.
  private gateOf(url: string): EndpointGate | undefined {
    try {
      return this.gates.of(url);
    } catch {
      return undefined;
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

import { Inject, Injectable } from '@nestjs/common';
import type { DeliveryAttemptRecordV1, EndpointFlowV1, HookbusEvent } from '@hookbus/contracts';
import type { DeliverablePlugin, Subscription } from '@hookbus/delivery-sdk';
import { counter } from '@hookbus/platform';
import { deadLetterOf } from './dead-letter-of';
import { DeliveryPublisher } from './delivery.publisher';
import type { DeliveryRef } from './delivery-ref';

/**
 * How often one attempt may be put off. Past it the attempt is made whatever the endpoint's state,
 * so a delivery to an endpoint that never recovers still ends, failed and e-mailed, by its policy.
 */
export const MAX_DEFERRALS = 100;

const putOffs = counter({
  name: 'hookbus_deliveries_put_off_total',
  help: 'Attempts put off to the retry path without being sent, by why (endpoint_paused, circuit_open, endpoint_not_answering, endpoint_saturated, rate_limited)',
  labelNames: ['why'],
});

export interface Deferral {
  readonly ref: DeliveryRef;
  readonly event: HookbusEvent;
  readonly plugin: DeliverablePlugin;
  readonly subscription: Subscription;
  readonly attempt: number;
  /** How often this attempt was put off before. */
  readonly deferrals: number;
  /** The request as it would be sent (secrets masked), with the answer that paused the endpoint, if one did. */
  readonly request: DeliveryAttemptRecordV1['request'];
  readonly response?: DeliveryAttemptRecordV1['response'];
  readonly durationMs?: number;
  readonly until: number;
  readonly reason: string;
  readonly endpoint?: EndpointFlowV1;
}

/**
 * Puts an attempt off to the retry path: logged `retrying` with when it is due and why, and
 * dead-lettered with the same attempt number (no retry is used up) and one more deferral, which
 * tells this release from the earlier ones. A paced (SecuTix) delivery keeps its pacing.
 */
@Injectable()
export class AttemptDeferral {
  constructor(@Inject(DeliveryPublisher) private readonly publisher: DeliveryPublisher) {}

  async putOff({ ref, event, plugin, subscription, attempt, deferrals, request, response, durationMs = 0, until, reason, endpoint }: Deferral): Promise<void> {
    const dueAt = new Date(until).toISOString();
    const counted = deferrals + 1;
    putOffs.inc({ why: reason.slice(0, reason.indexOf(':')) });
    // The same attempt number: the attempt made later replaces this record in the delivery log.
    await this.publisher.log({
      ...ref,
      attempt,
      at: new Date().toISOString(),
      request,
      ...(response ? { response } : {}),
      durationMs,
      error: reason,
      outcome: 'retrying',
      dueAt,
      deferrals: counted,
      ...(endpoint ? { endpoint } : {}),
      // Kept, so config-service can recover the delivery should this release be lost.
      event,
    });
    await this.publisher.deadLetter(deadLetterOf(ref, event, plugin, subscription.settings, { attempt, deferrals: counted, dueAt, reason }));
  }
}

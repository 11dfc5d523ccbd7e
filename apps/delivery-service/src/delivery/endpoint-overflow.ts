import { Inject, Injectable } from '@nestjs/common';
import type { DeliveryAttemptRecordV1, HookbusEvent } from '@hookbus/contracts';
import type { DeliverablePlugin, Subscription } from '@hookbus/delivery-sdk';
import { batchInfoOf } from './batch-info';
import { DeliveryPublisher } from './delivery.publisher';
import type { DeliveryRef } from './delivery-ref';

/**
 * How long a delivery whose endpoint was full waits on the retry path: short at first (the endpoint
 * is busy, not failing, and nothing was sent, so the wait does not use up the retry policy), then
 * doubling with each overflow until the endpoint answers again, up to MAX_ENDPOINT_BUSY_DELAY_MS.
 * A hanging endpoint's deliveries thus stop cycling through the retry path every few seconds,
 * which would cost the healthy endpoints their share of the machine.
 */
export const ENDPOINT_BUSY_DELAY_MS = 10_000;
export const MAX_ENDPOINT_BUSY_DELAY_MS = 5 * 60_000;

export interface Overflow {
  readonly ref: DeliveryRef;
  readonly event: HookbusEvent;
  readonly plugin: DeliverablePlugin;
  readonly attempt: number;
  readonly subscription: Subscription;
  /** The request as it would have been sent (secrets masked); nothing was sent. */
  readonly request: DeliveryAttemptRecordV1['request'];
  readonly inFlight: number;
}

/**
 * A delivery whose endpoint already has DELIVERY_MAX_PER_ENDPOINT attempts in flight is not waited
 * for: it is logged `retrying` and dead-lettered with the same attempt number, so the partition
 * moves on and a hanging endpoint cannot hold up the other subscriptions.
 */
@Injectable()
export class EndpointOverflow {
  /** Overflows per endpoint (origin) since it last answered. */
  private readonly overflows = new Map<string, number>();

  constructor(@Inject(DeliveryPublisher) private readonly publisher: DeliveryPublisher) {}

  /** The endpoint answered (any HTTP status): it is alive, its deliveries wait the short delay again. */
  answered(url: string): void {
    if (this.overflows.size > 0) this.overflows.delete(originOf(url));
  }

  async defer({ ref, event, plugin, attempt, subscription, request, inFlight }: Overflow): Promise<void> {
    const origin = originOf(request.url);
    const reason = `endpoint_busy: ${origin} has ${inFlight} attempts in flight`;
    const overflows = this.overflows.get(origin) ?? 0;
    this.overflows.set(origin, overflows + 1);
    const delayMs = Math.min(ENDPOINT_BUSY_DELAY_MS * 2 ** Math.min(overflows, 10), MAX_ENDPOINT_BUSY_DELAY_MS);
    const now = Date.now();
    // Same attempt number: the real attempt's log record replaces this one in the delivery log.
    await this.publisher.log({ ...ref, attempt, at: new Date(now).toISOString(), request, durationMs: 0, error: reason, outcome: 'retrying' });
    const batch = batchInfoOf(plugin, subscription.settings);
    await this.publisher.deadLetter({
      deliveryId: ref.deliveryId,
      eventId: ref.eventId,
      subscriptionId: ref.subscriptionId,
      tenantId: ref.tenantId,
      attempt,
      dueAt: new Date(now + delayMs).toISOString(),
      reason,
      event,
      ...(batch ? { batch } : {}),
    });
  }
}

const originOf = (url: string): string => {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
};

import { randomBytes } from 'node:crypto';
import { type DeadLetterRecordV1, deliveryId, type RetryRecordV1 } from '@hookbus/contracts';

export interface DeadLetterOptions {
  readonly dueAt: Date;
  readonly subscriptionId?: string;
  readonly attempt?: number;
  readonly batch?: DeadLetterRecordV1['batch'];
}

/** A valid `hookbus.deliveries.dlq.v1` record for a fresh event (secutix order.closed). */
export function deadLetter({ dueAt, subscriptionId = `sub_${randomBytes(4).toString('hex')}`, attempt = 2, batch }: DeadLetterOptions): DeadLetterRecordV1 {
  const eventId = `evt_${randomBytes(6).toString('hex')}`;
  return {
    deliveryId: deliveryId(eventId, subscriptionId),
    eventId,
    subscriptionId,
    tenantId: 'tnt_retry',
    attempt,
    dueAt: dueAt.toISOString(),
    reason: 'HTTP 503',
    event: {
      specversion: '1.0',
      id: eventId,
      source: 'test',
      type: 'order.closed',
      time: new Date().toISOString(),
      subject: eventId,
      tenantid: 'tnt_retry',
      data: { orderId: 1, orderDetailsData: { orderType: 'SALE', orderState: 'CLOSED', operationDatas: [] } },
    },
    ...(batch ? { batch } : {}),
  };
}

/**
 * The dead letter delivery-service publishes when it puts off a released retry without sending it
 * (endpoint not answering, paused, circuit open, rate limit): the same attempt, one more deferral.
 */
export const deferred = (retry: RetryRecordV1, dueAt: Date): DeadLetterRecordV1 => ({
  deliveryId: retry.deliveryId,
  eventId: retry.eventId,
  subscriptionId: retry.subscriptionId,
  tenantId: retry.tenantId,
  attempt: retry.attempt,
  deferrals: (retry.deferrals ?? 0) + 1,
  dueAt: dueAt.toISOString(),
  reason: 'endpoint_busy: http://127.0.0.1:9 is not answering',
  event: retry.event,
});

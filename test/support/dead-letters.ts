import { randomBytes } from 'node:crypto';
import { type DeadLetterRecordV1, deliveryId } from '@hookbus/contracts';

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

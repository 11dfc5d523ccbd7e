import { deliveryId, type HookbusEvent, type SubscriptionSnapshotV1 } from '@hookbus/contracts';

/** What every record about one delivery repeats: which event, for which subscription, through which hook. */
export interface DeliveryRef {
  readonly deliveryId: string;
  readonly eventId: string;
  readonly subscriptionId: string;
  readonly tenantId: string;
  readonly subject: string;
  readonly plugin: string;
  readonly hook: string;
}

export function deliveryRefOf(event: HookbusEvent, subscription: Pick<SubscriptionSnapshotV1, 'id' | 'plugin' | 'hook'>): DeliveryRef {
  return {
    deliveryId: deliveryId(event.id, subscription.id),
    eventId: event.id,
    subscriptionId: subscription.id,
    tenantId: event.tenantid,
    subject: event.subject,
    plugin: subscription.plugin,
    hook: subscription.hook,
  };
}

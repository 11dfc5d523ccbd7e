import type { Source } from './notifications-api';

/** The 10 notification events in the vendor's words (seed 004), in its order. */
export const NOTIFICATION_EVENTS: Readonly<Record<string, { readonly name: string; readonly description: string }>> = {
  'order.completed': {
    name: 'Order completed',
    description:
      'A successful order is closed. In admin, quote or shop sells: a successful purchase. In funnels: the user reaches the thank you page, or 30 minutes after the first purchase in a funnel page.',
  },
  'contact.created': {
    name: 'Contact created',
    description: 'A lead is created through the admin, shop or funnel page, or a lead or customer is reactivated in the shop or a funnel page.',
  },
  'shipping.tracking_updated': { name: 'Shipping tracking info updated', description: "An order's tracking information is updated." },
  'product.conflict': { name: 'Product conflicts', description: 'A customer purchased a digital product that he already has.' },
  'transaction.declined': {
    name: 'Transaction declined',
    description: 'A purchase transaction is rejected. In funnels an order can have many transactions (upsells), so this can happen several times in one purchase.',
  },
  'refund.applied': { name: 'Refund applied', description: 'A refund or void occurs.' },
  'subscription.canceled': { name: 'Subscription canceled', description: 'A subscription is canceled.' },
  'customer.created': { name: 'Customer created', description: 'A lead makes his first successful purchase.' },
  'transaction.approved': {
    name: 'Approved transaction',
    description: 'A purchase transaction succeeds. In funnels an order can have many transactions (upsells), so this can happen several times in one purchase.',
  },
  'survey.completed': { name: 'Survey completed', description: 'A survey is finished.' },
};

export const eventName = (type: string) => NOTIFICATION_EVENTS[type]?.name ?? type;

export const SOURCE_NAMES: Readonly<Record<Source, string>> = { admin: 'Admin', shop: 'Shop', funnel: 'Funnel' };

import { z } from 'zod';

// int64 ids arrive as JSON integers, or as digit strings when they exceed 2^53.
const int64 = z.union([z.int(), z.string().regex(/^-?\d{1,19}$/)], {
  error: (issue) => (issue.input === undefined ? 'is required (an int64)' : 'must be an int64: an integer or a string of digits'),
});
const freeForm = z.record(z.string(), z.unknown());

const orderRef = z.looseObject({ companyId: int64, orderId: int64 });

const operationData = z.looseObject({
  productCode: z.string().min(1),
  basePrice: z.number(),
  quantity: z.int(),
});

/** The vendor plugin and hook that serve an event type. */
export interface EventRoute {
  readonly plugin: 'komet' | 'komerce' | 'secutix' | 'postback';
  readonly hook: string;
}

const postback = (type: string) => ({ data: freeForm, route: { plugin: 'postback', hook: type } }) as const;

/** The DESIGN table: each event type's required data and the plugin/hook that delivers it. */
export const EventTypes = {
  'order.confirmed': { data: orderRef, route: { plugin: 'komet', hook: 'order-confirmation' } },
  'order.cancelled': { data: orderRef, route: { plugin: 'komet', hook: 'order-cancellation' } },
  'payment.cancelled': {
    data: z.looseObject({
      companyId: int64,
      paymentId: z.int(),
      paymentNumber: z.string().min(1),
      orderIds: z.array(z.int()).optional(),
    }),
    route: { plugin: 'komet', hook: 'payment-cancellation' },
  },
  'shipment.status_changed': {
    // `status` is an open set (Diajukan, Dijemput, Dikirim, Dibatalkan, Selesai, …).
    data: z.looseObject({ orderNo: z.string().min(1), awb: z.string().min(1), status: z.string().min(1) }),
    route: { plugin: 'komerce', hook: 'order-status' },
  },
  'order.closed': {
    data: z.looseObject({
      orderId: int64,
      orderDetailsData: z.looseObject({
        orderType: z.string().min(1),
        orderState: z.string().min(1),
        operationDatas: z.array(operationData),
      }),
    }),
    route: { plugin: 'secutix', hook: 'order-closed' },
  },
  'order.completed': postback('order.completed'),
  'contact.created': postback('contact.created'),
  'shipping.tracking_updated': postback('shipping.tracking_updated'),
  'product.conflict': postback('product.conflict'),
  'transaction.declined': postback('transaction.declined'),
  'refund.applied': postback('refund.applied'),
  'subscription.canceled': postback('subscription.canceled'),
  'customer.created': postback('customer.created'),
  'transaction.approved': postback('transaction.approved'),
  'survey.completed': postback('survey.completed'),
} as const satisfies Record<string, { data: z.ZodType; route: EventRoute }>;

export type EventType = keyof typeof EventTypes;
export const EVENT_TYPES = Object.keys(EventTypes) as [EventType, ...EventType[]];
export type EventData<T extends EventType> = z.output<(typeof EventTypes)[T]['data']>;

/** The 10 postback notification events, togglable per tenant. */
export const NOTIFICATION_EVENT_TYPES = EVENT_TYPES.filter((type) => EventTypes[type].route.plugin === 'postback');

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

/**
 * The 10 system notification events a tenant toggles on or off (`/v1/notification-events`); each
 * takes a free-form object as its data.
 */
export const NOTIFICATION_EVENT_TYPES = [
  'order.completed',
  'contact.created',
  'shipping.tracking_updated',
  'product.conflict',
  'transaction.declined',
  'refund.applied',
  'subscription.canceled',
  'customer.created',
  'transaction.approved',
  'survey.completed',
] as const;
export type NotificationEventType = (typeof NOTIFICATION_EVENT_TYPES)[number];

const notificationEvents = Object.fromEntries(NOTIFICATION_EVENT_TYPES.map((type) => [type, { data: freeForm }])) as Record<
  NotificationEventType,
  { data: typeof freeForm }
>;

/**
 * The DESIGN table: each event type and its required data. Which plugins deliver a type is theirs
 * to say (their hooks' `eventTypes`), so no vendor is named here.
 */
export const EventTypes = {
  'order.confirmed': { data: orderRef },
  'order.cancelled': { data: orderRef },
  'payment.cancelled': {
    data: z.looseObject({
      companyId: int64,
      paymentId: z.int(),
      paymentNumber: z.string().min(1),
      orderIds: z.array(z.int()).optional(),
    }),
  },
  'shipment.status_changed': {
    // `status` is an open set (Diajukan, Dijemput, Dikirim, Dibatalkan, Selesai, …).
    data: z.looseObject({ orderNo: z.string().min(1), awb: z.string().min(1), status: z.string().min(1) }),
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
  },
  ...notificationEvents,
} as const satisfies Record<string, { data: z.ZodType }>;

export type EventType = keyof typeof EventTypes;
export const EVENT_TYPES = Object.keys(EventTypes) as [EventType, ...EventType[]];
export type EventData<T extends EventType> = z.output<(typeof EventTypes)[T]['data']>;

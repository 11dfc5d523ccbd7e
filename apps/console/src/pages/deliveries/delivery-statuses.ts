import type { DeliverySummary } from './deliveries-api';

/** DESIGN's delivery states, in the order a delivery goes through them (checked against the API's). */
export const DELIVERY_STATUSES = ['pending', 'delivered', 'retrying', 'failed', 'abandoned', 'cancelled'] as const satisfies readonly DeliverySummary['status'][];
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

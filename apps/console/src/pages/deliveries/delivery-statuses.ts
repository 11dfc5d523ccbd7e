/** DESIGN's delivery states, in the order a delivery goes through them (as config-service names them). */
export const DELIVERY_STATUSES = ['pending', 'delivered', 'retrying', 'failed', 'abandoned', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** States after which nothing more happens on its own. */
export const isFinal = (status: string): boolean => status !== 'pending' && status !== 'retrying';

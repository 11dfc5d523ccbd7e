import { api, type Answer, unwrap } from '../../api/client';

export type DeliveryBuckets = Answer<'/v1/stats/deliveries', 'get'>['buckets'];
export type DeliveryBucket = DeliveryBuckets[number];
export type FailingSubscription = Answer<'/v1/stats/failing-subscriptions', 'get'>['items'][number];
export type BucketSize = 'hour' | 'day';

/** The statuses a bucket counts, in the order the bars stack (the good news at the bottom). */
export const STACKED_STATUSES = ['delivered', 'pending', 'retrying', 'failed', 'abandoned', 'cancelled'] as const;

/** Deliveries by status per hour for the last 24 hours, or per day for the last 7 (the server's default windows). */
export const fetchDeliveryBuckets = (bucket: BucketSize, subscriptionId?: string): Promise<DeliveryBuckets> =>
  unwrap(api.GET('/v1/stats/deliveries', { params: { query: { bucket, ...(subscriptionId ? { subscriptionId } : {}) } } })).then(({ buckets }) => buckets);

/** The subscriptions with the most failed deliveries in the last 24 hours. */
export const fetchFailingSubscriptions = (limit: number): Promise<FailingSubscription[]> =>
  unwrap(api.GET('/v1/stats/failing-subscriptions', { params: { query: { limit } } })).then(({ items }) => items);

export const bucketTotal = (bucket: DeliveryBucket): number => STACKED_STATUSES.reduce((sum, status) => sum + bucket[status], 0);

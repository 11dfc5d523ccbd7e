import { api, type Answer, type Body, unwrap } from '../../api/client';
import type { DeliveryFilter } from './delivery-filter';

export type DeliveryPage = Answer<'/v1/deliveries', 'get'>;
export type DeliverySummary = DeliveryPage['items'][number];
export type DeliveryDetail = Answer<'/v1/deliveries/{id}', 'get'>;
export type DeliveryAttempt = DeliveryDetail['attempts'][number];
export type RecoverWindow = Body<'/v1/deliveries/recover', 'post'>;
export type RecoverResult = Answer<'/v1/deliveries/recover', 'post'>;

/** Query keys: every delivery query starts with `deliveries`, so a retry or recover refreshes them all. */
export const deliveryKeys = {
  all: ['deliveries'] as const,
  list: (filter: DeliveryFilter) => ['deliveries', 'list', filter] as const,
  one: (id: string) => ['deliveries', 'one', id] as const,
};

const PAGE_SIZE = 50;

/** One page of the delivery log, newest first; `cursor` is the previous page's `next`. */
export const fetchDeliveries = (filter: DeliveryFilter, cursor?: string): Promise<DeliveryPage> =>
  unwrap(api.GET('/v1/deliveries', { params: { query: { ...filter, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } } }));

export const fetchDelivery = (id: string): Promise<DeliveryDetail> => unwrap(api.GET('/v1/deliveries/{id}', { params: { path: { id } } }));

export const retryDelivery = (id: string) => unwrap(api.POST('/v1/deliveries/{id}/retry', { params: { path: { id } } }));

export const recoverDeliveries = (window: RecoverWindow): Promise<RecoverResult> => unwrap(api.POST('/v1/deliveries/recover', { body: window }));

import { DELIVERY_STATUSES, type DeliveryStatus } from './delivery-statuses';

/** The delivery log's filters, as `GET /v1/deliveries` takes them and the page's URL carries them. */
export interface DeliveryFilter {
  readonly status?: DeliveryStatus;
  readonly subscriptionId?: string;
  readonly subject?: string;
  readonly eventId?: string;
  /** ISO instants: the window of first attempts, `[since, until)`. */
  readonly since?: string;
  readonly until?: string;
}

const KEYS = ['status', 'subscriptionId', 'subject', 'eventId', 'since', 'until'] as const;

/** The filter a URL's query string names; an unknown status is dropped rather than sent. */
export function filterFromParams(params: URLSearchParams): DeliveryFilter {
  const filter: Record<string, string> = {};
  for (const key of KEYS) {
    const value = params.get(key)?.trim();
    if (value) filter[key] = value;
  }
  if (filter.status && !(DELIVERY_STATUSES as readonly string[]).includes(filter.status)) delete filter.status;
  return filter as DeliveryFilter;
}

/** The query string of a filter, empty fields left out, so a filtered view is a short link. */
export function paramsFromFilter(filter: DeliveryFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = filter[key]?.trim();
    if (value) params.set(key, value);
  }
  return params;
}

/** `/deliveries` filtered, for links from other pages (a subscription's deliveries, its failures). */
export const deliveriesLink = (filter: DeliveryFilter): string => {
  const query = paramsFromFilter(filter).toString();
  return query ? `/deliveries?${query}` : '/deliveries';
};

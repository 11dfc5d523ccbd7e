import { useInfiniteQuery } from '@tanstack/react-query';
import { useId, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { issuesOf } from '../api/problem';
import { FormError } from '../forms/field';
import { FormProblem } from '../forms/form-problem';
import { deliveryKeys, fetchDeliveries } from './deliveries/deliveries-api';
import { filterFromParams, paramsFromFilter } from './deliveries/delivery-filter';
import { DeliveryFilterForm } from './deliveries/delivery-filter-form';
import { DeliveryTable } from './deliveries/delivery-table';
import { RecoverCard } from './deliveries/recover-card';
import { useSubscriptions } from '../api/subscriptions';

// The fields the filter form shows the server's messages beside.
const FILTER_FIELDS = ['status', 'subscriptionId', 'subject', 'eventId', 'since', 'until'];

/** The delivery log: filters in the URL, newest first, a page at a time; and bulk recover. */
export function DeliveriesPage() {
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterFromParams(params), [params]);
  const subscriptions = useSubscriptions();
  const byId = useMemo(() => new Map((subscriptions.data ?? []).map((subscription) => [subscription.id, subscription])), [subscriptions.data]);
  const log = useInfiniteQuery({
    queryKey: deliveryKeys.list(filter),
    queryFn: ({ pageParam }) => fetchDeliveries(filter, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next,
  });
  const resultsId = useId();
  const deliveries = log.data?.pages.flatMap((page) => page.items) ?? [];
  const issueFor = issuesOf(log.error);
  // The form remounts when the URL changes (Clear, back, a link), so it always shows the URL's filter.
  const formKey = paramsFromFilter(filter).toString();
  return (
    <>
      <h1>Deliveries</h1>
      <DeliveryFilterForm key={formKey} filter={filter} subscriptions={subscriptions.data ?? []} issueFor={issueFor} onApply={(next) => setParams(paramsFromFilter(next))} />
      <FormError error={subscriptions.error} />
      <section aria-labelledby={resultsId} aria-busy={log.isPending}>
        <h2 id={resultsId}>{formKey ? 'Matching deliveries' : 'All deliveries'}</h2>
        <FormProblem error={log.error} fields={FILTER_FIELDS} />
        {log.isSuccess && deliveries.length === 0 && <p>No delivery matches.</p>}
        {deliveries.length > 0 && <DeliveryTable deliveries={deliveries} subscriptions={byId} />}
        {log.hasNextPage && (
          <button type="button" className="secondary" onClick={() => log.fetchNextPage()} aria-busy={log.isFetchingNextPage} disabled={log.isFetchingNextPage}>
            Load more
          </button>
        )}
      </section>
      <RecoverCard key={`recover-${formKey}`} filter={filter} subscriptions={subscriptions.data ?? []} />
    </>
  );
}

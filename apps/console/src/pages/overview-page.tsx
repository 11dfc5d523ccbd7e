import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { ControlField } from '../forms/control-field';
import { FormError } from '../forms/field';
import { SubscriptionOptions } from './deliveries/subscription-options';
import { subscriptionLabel, useSubscriptions } from '../api/subscriptions';
import { DeliveriesChart } from './overview/deliveries-chart';
import { FailingSubscriptions } from './overview/failing-subscriptions';
import { type BucketSize, fetchDeliveryBuckets, fetchFailingSubscriptions } from './overview/stats-api';

const REFRESH_MS = 60_000;
const FAILING_SHOWN = 5;

/** Deliveries by status over the last day and week, overall or for one subscription, and who fails most. */
export function OverviewPage() {
  const [params, setParams] = useSearchParams();
  const subscriptionId = params.get('subscriptionId') || undefined;
  const subscriptions = useSubscriptions();
  const byId = useMemo(() => new Map((subscriptions.data ?? []).map((subscription) => [subscription.id, subscription])), [subscriptions.data]);
  const stats = (bucket: BucketSize) => ({
    queryKey: ['stats', 'deliveries', bucket, subscriptionId ?? null],
    queryFn: () => fetchDeliveryBuckets(bucket, subscriptionId),
    refetchInterval: REFRESH_MS,
  });
  const hourly = useQuery(stats('hour'));
  const daily = useQuery(stats('day'));
  const failing = useQuery({ queryKey: ['stats', 'failing-subscriptions'], queryFn: () => fetchFailingSubscriptions(FAILING_SHOWN), refetchInterval: REFRESH_MS });
  const chosen = subscriptionId ? byId.get(subscriptionId) : undefined;
  const scope = subscriptionId ? (chosen ? subscriptionLabel(chosen) : subscriptionId) : undefined;
  return (
    <>
      <h1>Overview</h1>
      <form aria-label="Show deliveries of" onSubmit={(event) => event.preventDefault()}>
        <ControlField label="Subscription">
          {(control) => (
            <select {...control} value={subscriptionId ?? ''} onChange={(event) => setParams(event.target.value ? { subscriptionId: event.target.value } : {})}>
              <option value="">All subscriptions</option>
              {subscriptionId && !chosen && <option value={subscriptionId}>{subscriptionId}</option>}
              <SubscriptionOptions subscriptions={subscriptions.data ?? []} />
            </select>
          )}
        </ControlField>
      </form>
      <FormError error={subscriptions.error ?? hourly.error ?? daily.error} />
      <section aria-busy={hourly.isPending} aria-label="Last 24 hours">
        {hourly.data && <DeliveriesChart title={`Deliveries per hour, last 24 hours${scope ? ` — ${scope}` : ''}`} bucket="hour" buckets={hourly.data} />}
      </section>
      <section aria-busy={daily.isPending} aria-label="Last 7 days">
        {daily.data && <DeliveriesChart title={`Deliveries per day, last 7 days${scope ? ` — ${scope}` : ''}`} bucket="day" buckets={daily.data} />}
      </section>
      <FormError error={failing.error} />
      {failing.data && <FailingSubscriptions items={failing.data} subscriptions={byId} />}
    </>
  );
}

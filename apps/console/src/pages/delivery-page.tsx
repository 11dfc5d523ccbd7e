import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useId } from 'react';
import { Link, useParams } from 'react-router';
import { FormError } from '../forms/field';
import { AttemptCard } from './deliveries/attempt-card';
import { type DeliveryDetail, deliveryKeys, fetchDelivery } from './deliveries/deliveries-api';
import { deliveriesLink } from './deliveries/delivery-filter';
import { Instant } from './deliveries/instant';
import { RetryAction } from './deliveries/retry-action';
import { subscriptionLabel, useSubscriptions } from '../api/subscriptions';

// While a delivery is under way its page follows it: closely once sent (pending, e.g. after
// Reconfirm), loosely while it waits for its next attempt (retrying, possibly for hours).
const followEvery = (status: string): number | false => (status === 'pending' ? 1_000 : status === 'retrying' ? 10_000 : false);

/** `/deliveries/:id`, where error e-mails link: what happened to one event at one subscription, and Reconfirm/Retry. */
export function DeliveryPage() {
  const { id = '' } = useParams();
  const delivery = useQuery({
    queryKey: deliveryKeys.one(id),
    queryFn: () => fetchDelivery(id),
    refetchInterval: (query) => (query.state.data ? followEvery(query.state.data.status) : false),
  });
  return (
    <>
      <nav aria-label="breadcrumb">
        <ul>
          <li>
            <Link to="/deliveries">Deliveries</Link>
          </li>
          <li aria-current="page">{delivery.data ? (delivery.data.subject ?? delivery.data.eventId) : id}</li>
        </ul>
      </nav>
      <h1>Delivery</h1>
      <FormError error={delivery.error} />
      {delivery.isPending && <p aria-busy="true">Loading the delivery…</p>}
      {delivery.data && <DeliveryDetails delivery={delivery.data} />}
    </>
  );
}

function DeliveryDetails({ delivery }: { readonly delivery: DeliveryDetail }) {
  const summaryId = useId();
  const attemptsId = useId();
  const subscriptions = useSubscriptions();
  const subscription = subscriptions.data?.find(({ id }) => id === delivery.subscriptionId);
  return (
    <>
      <article aria-labelledby={summaryId}>
        <h2 id={summaryId}>Summary</h2>
        <table>
          <tbody>
            <Row label="Status">
              <strong>{delivery.status}</strong>
            </Row>
            {delivery.vendorMessage && <Row label="Vendor message">{delivery.vendorMessage}</Row>}
            {delivery.dueAt && (
              <Row label="Next attempt">
                <Instant iso={delivery.dueAt} />
              </Row>
            )}
            <Row label="Subscription">
              <Link to={deliveriesLink({ subscriptionId: delivery.subscriptionId })}>
                {subscription ? subscriptionLabel(subscription) : `${delivery.plugin} ${delivery.hook} (${delivery.subscriptionId})`}
              </Link>
            </Row>
            <Row label="Event id">
              <code>{delivery.eventId}</code>
            </Row>
            {delivery.subject && <Row label="Subject">{delivery.subject}</Row>}
            <Row label="Delivery id (webhook-id)">
              <code>{delivery.id}</code>
            </Row>
            <Row label="First attempt">
              <Instant iso={delivery.createdAt} />
            </Row>
            <Row label="Attempts">{delivery.attemptCount}</Row>
          </tbody>
        </table>
        <RetryAction delivery={delivery} />
      </article>
      <section aria-labelledby={attemptsId}>
        <h2 id={attemptsId}>Attempts</h2>
        {delivery.attempts.map((attempt) => (
          <AttemptCard key={attempt.n} attempt={attempt} />
        ))}
      </section>
    </>
  );
}

function Row({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{children}</td>
    </tr>
  );
}

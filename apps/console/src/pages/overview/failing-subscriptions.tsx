import { useId } from 'react';
import { Link } from 'react-router';
import { deliveriesLink } from '../deliveries/delivery-filter';
import { subscriptionLabel, type Subscription } from '../../api/subscriptions';
import type { FailingSubscription } from './stats-api';

interface FailingSubscriptionsProps {
  readonly items: readonly FailingSubscription[];
  readonly subscriptions: ReadonlyMap<string, Subscription>;
}

/** The subscriptions failing most in the last 24 hours, each linking to its deliveries. */
export function FailingSubscriptions({ items, subscriptions }: FailingSubscriptionsProps) {
  const headingId = useId();
  return (
    <article aria-labelledby={headingId}>
      <h2 id={headingId}>Subscriptions failing most, last 24 hours</h2>
      {items.length === 0 ? (
        <p>No subscription had a failed delivery.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Subscription</th>
              <th scope="col">Failed</th>
              <th scope="col">Of</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => {
              const subscription = subscriptions.get(item.subscriptionId);
              return (
                <tr key={item.subscriptionId}>
                  <th scope="row">
                    <Link to={deliveriesLink({ subscriptionId: item.subscriptionId })}>
                      {subscription ? subscriptionLabel(subscription) : `${item.plugin} ${item.hook} (${item.subscriptionId})`}
                    </Link>
                  </th>
                  <td>{item.failed}</td>
                  <td>{item.total}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </article>
  );
}

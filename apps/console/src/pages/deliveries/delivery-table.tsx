import { Link } from 'react-router';
import type { DeliverySummary } from './deliveries-api';
import { Instant } from './instant';
import { ScrollRegion } from './scroll-region';
import { subscriptionLabel, type Subscription } from '../../api/subscriptions';

interface DeliveryTableProps {
  readonly deliveries: readonly DeliverySummary[];
  readonly subscriptions: ReadonlyMap<string, Subscription>;
}

/** The delivery log, newest first; each delivery links to its page (attempts, retry). */
export function DeliveryTable({ deliveries, subscriptions }: DeliveryTableProps) {
  return (
    <ScrollRegion label="Delivery list">
      <table className="striped">
        <thead>
          <tr>
            <th scope="col">Delivery</th>
            <th scope="col">Status</th>
            <th scope="col">First attempt</th>
            <th scope="col">Subscription</th>
            <th scope="col">Attempts</th>
            <th scope="col">Vendor message</th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((delivery) => {
            const subscription = subscriptions.get(delivery.subscriptionId);
            return (
              <tr key={delivery.id}>
                <th scope="row">
                  <Link to={`/deliveries/${encodeURIComponent(delivery.id)}`}>{delivery.subject ?? delivery.eventId}</Link>
                </th>
                <td>{delivery.status}</td>
                <td>
                  <Instant iso={delivery.createdAt} />
                </td>
                <td>{subscription ? subscriptionLabel(subscription) : `${delivery.plugin} ${delivery.hook} (${delivery.subscriptionId})`}</td>
                <td>{delivery.attemptCount}</td>
                <td>{delivery.vendorMessage}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

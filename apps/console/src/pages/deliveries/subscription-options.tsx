import { subscriptionLabel, type Subscription } from '../../api/subscriptions';

/** One `<option>` per subscription, named as lists name it, for the subscription pickers. */
export function SubscriptionOptions({ subscriptions }: { readonly subscriptions: readonly Subscription[] }) {
  return subscriptions.map((subscription) => (
    <option key={subscription.id} value={subscription.id}>
      {subscriptionLabel(subscription)}
    </option>
  ));
}

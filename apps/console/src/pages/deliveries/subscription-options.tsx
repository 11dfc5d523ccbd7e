import { subscriptionLabel, type SubscriptionView } from './use-subscriptions';

/** One `<option>` per subscription, named as lists name it, for the subscription pickers. */
export function SubscriptionOptions({ subscriptions }: { readonly subscriptions: readonly SubscriptionView[] }) {
  return subscriptions.map((subscription) => (
    <option key={subscription.id} value={subscription.id}>
      {subscriptionLabel(subscription)}
    </option>
  ));
}

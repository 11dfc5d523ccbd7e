import { useMutation } from '@tanstack/react-query';
import { FormError } from '../../forms/field';
import { patchSubscription, type Subscription } from './subscriptions-api';

interface Props {
  readonly subscription: Subscription;
  readonly onChanged: (subscription: Subscription) => void;
}

/** Whether the card's subscription delivers, why not (the platform's reason), and the way back. */
export function SubscriptionStatus({ subscription, onChanged }: Props) {
  const reEnable = useMutation({
    mutationFn: () => patchSubscription(subscription.id, { enabled: true }),
    onSuccess: onChanged,
  });
  if (subscription.enabled) {
    return (
      <p>
        Status: <strong className="status-active">Active</strong>
      </p>
    );
  }
  return (
    <div>
      <p>
        Status: <strong className="status-disabled">Disabled</strong>
        {subscription.disabledReason ? ` — ${subscription.disabledReason}` : ' — nothing is delivered until it is enabled again.'}
      </p>
      <button type="button" className="secondary" onClick={() => reEnable.mutate()} aria-busy={reEnable.isPending} disabled={reEnable.isPending}>
        Re-enable
      </button>
      <FormError error={reEnable.error} />
    </div>
  );
}

import { useMutation } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { FormError } from '../../forms/field';
import { ConfirmModal } from '../../forms/modal';
import { SigningSecret } from './signing-secret';
import { deleteSubscription, rotateSecret, sendTestEvent, type Subscription } from './subscriptions-api';
import { TestEventResult } from './test-event-result';
import type { SubscriptionCardState } from './use-subscription-card';

interface Props {
  readonly subscription: Subscription;
  readonly card: SubscriptionCardState;
  /** What is deleted, in the card's words ("the Order Confirmation Webhook"). */
  readonly what: string;
  /** The card's own buttons (Edit, Disable), put before these. */
  readonly children?: ReactNode;
}

/** The signing secret (once), and what every saved subscription offers: rotate, test, delete. */
export function SubscriptionActions({ subscription, card, what, children }: Props) {
  const [confirming, setConfirming] = useState(false);
  const rotate = useMutation({ mutationFn: () => rotateSecret(subscription.id), onSuccess: (rotated) => card.saved(rotated, { refill: false }) });
  const test = useMutation({ mutationFn: () => sendTestEvent(subscription.id) });
  const remove = useMutation({
    mutationFn: () => deleteSubscription(subscription.id),
    onSuccess: () => card.deleted(subscription.id),
  });
  // The test delivery may have changed the subscription (410 Gone disables it).
  return (
    <>
      {card.secret && <SigningSecret secret={card.secret} onDone={card.dismissSecret} />}
      <div className="actions">
        {children}
        <button type="button" className="secondary outline" onClick={() => rotate.mutate()} aria-busy={rotate.isPending} disabled={rotate.isPending}>
          Rotate secret
        </button>
        <button type="button" className="secondary outline" onClick={() => test.mutate()} aria-busy={test.isPending} disabled={test.isPending}>
          Send test event
        </button>
        <button type="button" className="secondary outline" onClick={() => setConfirming(true)}>
          Delete
        </button>
      </div>
      {rotate.isSuccess && !card.secret && <p role="status">The secret was rotated; the previous one stays valid for 24 hours.</p>}
      <FormError error={rotate.error ?? test.error} />
      {test.data && <TestEventResult key={test.data.deliveryId} deliveryId={test.data.deliveryId} onFinal={() => void card.refreshed(subscription)} />}
      {confirming && (
        <ConfirmModal
          title={`Delete ${what}?`}
          confirm="Delete"
          busy={remove.isPending}
          onConfirm={() => remove.mutate()}
          onClose={() => setConfirming(false)}
        >
          <p>Nothing more is sent to {subscription.url}, and deliveries still waiting for a retry are cancelled. This cannot be undone.</p>
          <FormError error={remove.error} />
        </ConfirmModal>
      )}
    </>
  );
}

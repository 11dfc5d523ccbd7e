import { useState } from 'react';
import type { ShownSecret } from './signing-secret';
import { type Subscription, useSubscriptionChanged, type WithSecret } from './subscriptions-api';

/**
 * What every card keeps besides its fields: the signing secret of its subscription, shown once
 * after create or rotate; the way to put a saved subscription into the page at once; and the key
 * that refills the form from the server, after the card's own changes or when the platform turns
 * the subscription off, but not while the tenant is typing.
 */
export function useSubscriptionCard(subscription: Subscription | undefined) {
  const changed = useSubscriptionChanged();
  const [shown, setShown] = useState<ShownSecret>();
  const [generation, setGeneration] = useState(0);
  /** Takes a create, update or rotate answer: keeps its secret (if any) out of the cache. */
  const saved = async ({ signingSecret, ...view }: WithSecret, { refill = true } = {}) => {
    if (signingSecret) setShown({ subscriptionId: view.id, secret: signingSecret });
    // The cache holds the answer at once (the refetch follows), so the refilled form shows it.
    const refetched = changed(view);
    if (refill) setGeneration((current) => current + 1);
    await refetched;
  };
  return {
    saved,
    /** A subscription changed elsewhere (a test delivery may have disabled it): shown, form left as typed. */
    refreshed: (view: Subscription) => saved(view, { refill: false }),
    deleted: async (id: string) => {
      setShown(undefined);
      const refetched = changed({ deleted: id });
      setGeneration((current) => current + 1);
      await refetched;
    },
    // The subscription's id is part of it: the cached list can drop a deleted one after the
    // generation moved on, and the form must empty then too.
    formKey: `${generation}:${subscription?.id ?? 'none'}:${subscription?.enabled !== false}`,
    // A secret belongs to one subscription: after a delete, or another hook chosen, it is not shown.
    secret: shown && shown.subscriptionId === subscription?.id ? shown.secret : undefined,
    dismissSecret: () => setShown(undefined),
  };
}

export type SubscriptionCardState = ReturnType<typeof useSubscriptionCard>;

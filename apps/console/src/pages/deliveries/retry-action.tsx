import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { FormError } from '../../forms/field';
import { type DeliveryDetail, deliveryKeys, retryDelivery } from './deliveries-api';

/** The states a person may want to send again: ended without getting through. */
const ENDED = ['failed', 'abandoned', 'cancelled'];

/**
 * The action's name in the vendor's words: Komet's salespeople "reconfirm the orders once the issue
 * is solved"; everything else is retried.
 */
export const retryWording = (plugin: string): 'Reconfirm' | 'Retry' => (plugin === 'komet' ? 'Reconfirm' : 'Retry');

/**
 * Reconfirm / Retry for a delivery that ended without getting through (or is stuck retrying, when
 * the server allows it). Where the server would refuse it, the button is disabled and says why.
 */
export function RetryAction({ delivery }: { readonly delivery: DeliveryDetail }) {
  const reasonId = useId();
  const queryClient = useQueryClient();
  const retry = useMutation({
    mutationFn: () => retryDelivery(delivery.id),
    // Awaited, so the button stays busy until the page shows the delivery under way (`pending`).
    onSettled: () => queryClient.invalidateQueries({ queryKey: deliveryKeys.all }),
  });
  const offered = ENDED.includes(delivery.status) || delivery.retry.allowed;
  if (!offered && !retry.isSuccess) return null;
  const wording = retryWording(delivery.plugin);
  const reason = delivery.retry.allowed ? undefined : delivery.retry.reason;
  return (
    <section aria-label={wording}>
      {offered && (
        <>
          <button
            type="button"
            onClick={() => retry.mutate()}
            disabled={!delivery.retry.allowed || retry.isPending}
            aria-busy={retry.isPending}
            aria-describedby={reason ? reasonId : undefined}
          >
            {wording}
          </button>
          {reason && (
            <p id={reasonId}>
              <small>
                {wording} is not possible: {reason}.
              </small>
            </p>
          )}
        </>
      )}
      <FormError error={retry.error} />
      <p role="status">{retry.isSuccess && `Sent again as attempt ${retry.data.attempt}, with the same webhook-id.`}</p>
    </section>
  );
}

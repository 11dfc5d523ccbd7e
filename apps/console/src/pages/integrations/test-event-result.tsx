import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { ProblemError } from '../../api/problem';
import { FormError } from '../../forms/field';
import { type Delivery, getDelivery } from './subscriptions-api';

const FINAL: readonly Delivery['status'][] = ['delivered', 'failed', 'abandoned', 'cancelled'];

/** The test delivery's attempt as the delivery log records it, followed until it is final. */
export function TestEventResult({ deliveryId, onFinal }: { readonly deliveryId: string; readonly onFinal: () => void }) {
  const delivery = useQuery({
    queryKey: ['delivery', deliveryId],
    // The log trails the attempt by a moment: until then the delivery is not found.
    queryFn: async () => {
      try {
        return await getDelivery(deliveryId);
      } catch (error) {
        if (error instanceof ProblemError && error.status === 404) return null;
        throw error;
      }
    },
    refetchInterval: (query) => (query.state.data && FINAL.includes(query.state.data.status) ? false : 1_000),
  });
  const final = delivery.data ? FINAL.includes(delivery.data.status) : false;
  const reported = useRef(false);
  useEffect(() => {
    if (!final || reported.current) return;
    reported.current = true;
    onFinal();
  }, [final, onFinal]);
  if (delivery.isError) return <FormError error={delivery.error} />;
  return (
    <p role="status" aria-busy={!final}>
      {describe(delivery.data)}{' '}
      {delivery.data && <Link to={`/deliveries/${deliveryId}`}>View the delivery</Link>}
    </p>
  );
}

function describe(delivery: Delivery | null | undefined): string {
  if (!delivery || delivery.attempts.length === 0) return 'Test event sent; waiting for the first attempt…';
  const last = delivery.attempts[delivery.attempts.length - 1];
  const answer = last.response ? `HTTP ${last.response.status}` : (last.error ?? 'no answer');
  const message = delivery.vendorMessage ? ` Message: “${delivery.vendorMessage}”.` : '';
  switch (delivery.status) {
    case 'delivered':
      return `Test event delivered: ${answer} in ${last.durationMs} ms.${message}`;
    case 'retrying':
    case 'pending':
      return `Test event not delivered yet: ${answer}; hookbus tries again.${message}`;
    case 'cancelled':
      // delivery-service learns of a subscription from the stream a moment after it is saved.
      return last.error === 'subscription deleted'
        ? 'Test event cancelled: the delivery service has not picked this webhook up yet. Try again in a moment.'
        : `Test event cancelled: ${answer}.`;
    default:
      return `Test event ${delivery.status}: ${answer}.${message}`;
  }
}

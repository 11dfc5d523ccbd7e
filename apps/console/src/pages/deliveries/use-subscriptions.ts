import { useQuery } from '@tanstack/react-query';
import { api, type Answer, unwrap } from '../../api/client';

export type SubscriptionView = Answer<'/v1/subscriptions', 'get'>['items'][number];

/** Every live subscription of the tenant (all pages), for pickers and for naming a delivery's subscription. */
export function useSubscriptions() {
  return useQuery({
    queryKey: ['subscriptions', 'all'],
    queryFn: async (): Promise<SubscriptionView[]> => {
      const all: SubscriptionView[] = [];
      let cursor: string | undefined;
      do {
        const page = await unwrap(api.GET('/v1/subscriptions', { params: { query: cursor ? { cursor } : {} } }));
        all.push(...page.items);
        cursor = page.next;
      } while (cursor);
      return all;
    },
    staleTime: 30_000,
  });
}

/** How a subscription is named in lists and pickers: what it sends, and where. */
export const subscriptionLabel = (subscription: Pick<SubscriptionView, 'plugin' | 'hook' | 'url'>): string =>
  `${subscription.plugin} ${subscription.hook} → ${subscription.url}`;

import { useQuery } from '@tanstack/react-query';
import { type Answer, api, unwrap } from './client';

export type Subscription = Answer<'/v1/subscriptions/{id}', 'get'>;

export const SUBSCRIPTIONS_KEY = ['subscriptions'] as const;

/**
 * Every subscription of the tenant, page after page, for pickers, lists and the integration cards.
 * A `refetchInterval` keeps a page current with what the platform changes (a 410 disabling one).
 */
export function useSubscriptions({ refetchInterval }: { readonly refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: SUBSCRIPTIONS_KEY,
    queryFn: async () => {
      const items: Subscription[] = [];
      let cursor: string | undefined;
      do {
        const page = await unwrap(api.GET('/v1/subscriptions', { params: { query: { cursor } } }));
        items.push(...page.items);
        cursor = page.next;
      } while (cursor);
      return items;
    },
    staleTime: 30_000,
    refetchInterval,
  });
}

/** How a subscription is named in lists and pickers: what it sends, and where. */
export const subscriptionLabel = (subscription: Pick<Subscription, 'plugin' | 'hook' | 'url'>): string =>
  `${subscription.plugin} ${subscription.hook} → ${subscription.url}`;

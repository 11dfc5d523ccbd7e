import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Body, unwrap } from '../../api/client';

// The shapes DESIGN.md names for these routes ("JSON shapes"); config-service's OpenAPI document
// does not describe its answers yet, so they are written down here, once.

export type Auth =
  | { readonly type: 'none' }
  | { readonly type: 'token'; readonly token: string }
  | { readonly type: 'basic'; readonly username: string; readonly password: string }
  | { readonly type: 'bearer'; readonly token: string };

export interface Subscription {
  readonly id: string;
  readonly plugin: string;
  readonly hook: string;
  readonly url: string;
  readonly method: string;
  readonly enabled: boolean;
  /** Secrets come back masked. */
  readonly auth: Auth;
  readonly errorEmails: readonly string[];
  readonly settings: Readonly<Record<string, unknown>>;
  readonly status: 'active' | 'disabled';
  readonly disabledReason?: string;
  readonly version: number;
  readonly createdAt: string;
}

/** A create or rotate answer: the signing secret is in it this once. */
export type WithSecret = Subscription & { readonly signingSecret?: string };

export interface PluginDescription {
  readonly vendor: string;
  readonly title: string;
  readonly hooks: readonly { readonly name: string; readonly eventTypes: readonly string[] }[];
  readonly methods: readonly string[];
  readonly defaultMethod: string;
  readonly authTypes: readonly Auth['type'][];
  readonly schedule?: { readonly frequencyMinutes: number; readonly batchSize: number };
  /** JSON Schema of the plugin's settings. */
  readonly settingsSchema: { readonly properties?: Readonly<Record<string, { readonly enum?: readonly string[]; readonly default?: unknown }>> };
}

export interface DeliveryAttempt {
  readonly n: number;
  readonly response?: { readonly status: number };
  readonly durationMs: number;
  readonly error?: string;
  readonly outcome: string;
}

export interface Delivery {
  readonly id: string;
  readonly status: 'pending' | 'delivered' | 'retrying' | 'failed' | 'abandoned' | 'cancelled';
  readonly vendorMessage?: string;
  readonly attempts: readonly DeliveryAttempt[];
}

export type SubscriptionInput = Body<'/v1/subscriptions', 'post'>;
export type SubscriptionPatch = Body<'/v1/subscriptions/{id}', 'patch'>;

const SUBSCRIPTIONS = ['subscriptions'] as const;

/** The catalog of plugins and hooks this build of hookbus delivers to. */
export function usePlugins() {
  return useQuery({
    queryKey: ['plugins'],
    queryFn: async () => ((await unwrap(api.GET('/v1/plugins'))) as unknown as { items: PluginDescription[] }).items,
    staleTime: Infinity,
  });
}

/**
 * Every subscription of the tenant, page after page. Refetched now and then, so a subscription the
 * platform disabled (410 Gone, failures in a row) shows it without a reload.
 */
export function useSubscriptions() {
  return useQuery({
    queryKey: SUBSCRIPTIONS,
    queryFn: async () => {
      const items: Subscription[] = [];
      let cursor: string | undefined;
      do {
        const page = (await unwrap(api.GET('/v1/subscriptions', { params: { query: (cursor ? { cursor } : {}) as { cursor: string } } }))) as unknown as {
          items: Subscription[];
          next?: string;
        };
        items.push(...page.items);
        cursor = page.next;
      } while (cursor);
      return items;
    },
    refetchInterval: 5_000,
  });
}

/** Puts a changed subscription into the cached list at once, then asks the server again. */
export function useSubscriptionChanged() {
  const queryClient = useQueryClient();
  return (changed: Subscription | { deleted: string }) => {
    queryClient.setQueryData<Subscription[]>(SUBSCRIPTIONS, (items = []) => {
      if ('deleted' in changed) return items.filter(({ id }) => id !== changed.deleted);
      const rest = items.filter(({ id }) => id !== changed.id);
      return [...rest, changed];
    });
    return queryClient.invalidateQueries({ queryKey: SUBSCRIPTIONS });
  };
}

/** The subscription a card shows for a plugin hook: the oldest, as Komerce's `PUT /webhook` picks it. */
export function subscriptionOf(subscriptions: readonly Subscription[] | undefined, plugin: string, hook: string): Subscription | undefined {
  return subscriptions
    ?.filter((subscription) => subscription.plugin === plugin && subscription.hook === hook)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))[0];
}

/** How many more subscriptions of the hook there are than the card shows (made through the API). */
export const othersOf = (subscriptions: readonly Subscription[] | undefined, plugin: string, hook: string): number =>
  Math.max(0, (subscriptions?.filter((subscription) => subscription.plugin === plugin && subscription.hook === hook).length ?? 0) - 1);

export const createSubscription = async (body: SubscriptionInput): Promise<WithSecret> =>
  (await unwrap(api.POST('/v1/subscriptions', { body }))) as unknown as WithSecret;

export const patchSubscription = async (id: string, body: SubscriptionPatch): Promise<Subscription> =>
  (await unwrap(api.PATCH('/v1/subscriptions/{id}', { params: { path: { id } }, body }))) as unknown as Subscription;

export const deleteSubscription = async (id: string): Promise<void> => {
  await unwrap(api.DELETE('/v1/subscriptions/{id}', { params: { path: { id } } }));
};

export const rotateSecret = async (id: string): Promise<WithSecret> =>
  (await unwrap(api.POST('/v1/subscriptions/{id}/rotate-secret', { params: { path: { id } } }))) as unknown as WithSecret;

export const sendTestEvent = async (id: string): Promise<{ deliveryId: string; eventId: string }> =>
  (await unwrap(api.POST('/v1/subscriptions/{id}/test', { params: { path: { id } } }))) as unknown as { deliveryId: string; eventId: string };

/** Komerce's own registration call: creates the tenant's komerce/order-status subscription or replaces its URL. */
export const registerKomerceUrl = async (url: string): Promise<WithSecret> =>
  (await unwrap(api.PUT('/webhook', { body: { url } }))) as unknown as WithSecret;

export const getDelivery = async (id: string): Promise<Delivery> =>
  (await unwrap(api.GET('/v1/deliveries/{id}', { params: { path: { id } } }))) as unknown as Delivery;

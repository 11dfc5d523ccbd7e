import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type Answer, api, type Body, unwrap } from '../../api/client';
import { SUBSCRIPTIONS_KEY, type Subscription } from '../../api/subscriptions';

export type { Subscription } from '../../api/subscriptions';

/** A create, rotate or registration answer: the signing secret is in it this once. */
export type WithSecret = Subscription & { readonly signingSecret?: string };
export type PluginDescription = Answer<'/v1/plugins', 'get'>['items'][number];
export type Delivery = Answer<'/v1/deliveries/{id}', 'get'>;
export type SubscriptionInput = Body<'/v1/subscriptions', 'post'>;
export type SubscriptionPatch = Body<'/v1/subscriptions/{id}', 'patch'>;
/** Auth as a request sends it (secrets in plain text); answers mask them. */
export type Auth = NonNullable<SubscriptionInput['auth']>;

/** The values a setting may take, from the plugin's JSON Schema (`enum`), if it lists them. */
export function settingChoices(plugin: PluginDescription, setting: string): string[] | undefined {
  const properties = plugin.settingsSchema['properties'] as Record<string, { enum?: unknown }> | undefined;
  const choices = properties?.[setting]?.enum;
  return Array.isArray(choices) && choices.every((choice) => typeof choice === 'string') ? choices : undefined;
}

/** The catalog of plugins and hooks this build of hookbus delivers to. */
export function usePlugins() {
  return useQuery({
    queryKey: ['plugins'],
    queryFn: async () => (await unwrap(api.GET('/v1/plugins'))).items,
    staleTime: Infinity,
  });
}

/** Puts a changed subscription into the cached list at once, then asks the server again. */
export function useSubscriptionChanged() {
  const queryClient = useQueryClient();
  return (changed: Subscription | { deleted: string }) => {
    queryClient.setQueryData<Subscription[]>(SUBSCRIPTIONS_KEY, (items = []) => {
      if ('deleted' in changed) return items.filter(({ id }) => id !== changed.deleted);
      const rest = items.filter(({ id }) => id !== changed.id);
      return [...rest, changed];
    });
    return queryClient.invalidateQueries({ queryKey: SUBSCRIPTIONS_KEY });
  };
}

/** The subscriptions of a plugin, oldest first, for a card that lists them all. */
export const subscriptionsOf = (subscriptions: readonly Subscription[] | undefined, plugin: string): Subscription[] =>
  (subscriptions ?? []).filter((subscription) => subscription.plugin === plugin).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));

/** The subscription a card shows for a plugin hook: the oldest, as Komerce's `PUT /webhook` picks it. */
export function subscriptionOf(subscriptions: readonly Subscription[] | undefined, plugin: string, hook: string): Subscription | undefined {
  return subscriptionsOf(subscriptions, plugin).find((subscription) => subscription.hook === hook);
}

/** How many more subscriptions of the hook there are than the card shows (made through the API). */
export const othersOf = (subscriptions: readonly Subscription[] | undefined, plugin: string, hook: string): number =>
  Math.max(0, (subscriptions?.filter((subscription) => subscription.plugin === plugin && subscription.hook === hook).length ?? 0) - 1);

export const createSubscription = (body: SubscriptionInput): Promise<WithSecret> => unwrap(api.POST('/v1/subscriptions', { body }));

export const patchSubscription = (id: string, body: SubscriptionPatch): Promise<Subscription> =>
  unwrap(api.PATCH('/v1/subscriptions/{id}', { params: { path: { id } }, body }));

export const deleteSubscription = async (id: string): Promise<void> => {
  await unwrap(api.DELETE('/v1/subscriptions/{id}', { params: { path: { id } } }));
};

export const rotateSecret = (id: string): Promise<WithSecret> => unwrap(api.POST('/v1/subscriptions/{id}/rotate-secret', { params: { path: { id } } }));

export const sendTestEvent = (id: string) => unwrap(api.POST('/v1/subscriptions/{id}/test', { params: { path: { id } } }));

/** Komerce's own registration call: creates the tenant's komerce/order-status subscription or replaces its URL. */
export const registerKomerceUrl = (url: string): Promise<WithSecret> => unwrap(api.PUT('/webhook', { body: { url } }));

export const getDelivery = (id: string): Promise<Delivery> => unwrap(api.GET('/v1/deliveries/{id}', { params: { path: { id } } }));

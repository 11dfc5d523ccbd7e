import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

// The shapes DESIGN.md names for these routes; config-service's OpenAPI document does not describe
// its answers yet, so they are written down here, once.

export const SOURCES = ['admin', 'shop', 'funnel'] as const;
export type Source = (typeof SOURCES)[number];

export interface EventLink {
  readonly channelId: string;
  readonly sources: readonly Source[];
  readonly subscriptionId: string;
}

export interface NotificationEvent {
  readonly type: string;
  readonly enabled: boolean;
  readonly channels: readonly EventLink[];
}

export interface Channel {
  readonly id: string;
  readonly name: string;
  readonly url: string;
}

/** `PUT …/channels/:channelId`: the link, and its postback subscription's signing secret when it was just made. */
export interface LinkAnswer extends EventLink {
  readonly type: string;
  readonly enabled: boolean;
  readonly signingSecret?: string;
}

const EVENTS = ['notification-events'] as const;
const CHANNELS = ['channels'] as const;

export function useNotificationEvents() {
  return useQuery({
    queryKey: EVENTS,
    queryFn: async () => ((await unwrap(api.GET('/v1/notification-events'))) as unknown as { items: NotificationEvent[] }).items,
  });
}

export function useChannels() {
  return useQuery({
    queryKey: CHANNELS,
    queryFn: async () => {
      const items: Channel[] = [];
      let cursor: string | undefined;
      do {
        const page = (await unwrap(api.GET('/v1/channels', { params: { query: (cursor ? { cursor } : {}) as { cursor: string } } }))) as unknown as {
          items: Channel[];
          next?: string;
        };
        items.push(...page.items);
        cursor = page.next;
      } while (cursor);
      return items;
    },
  });
}

/** After a change: the toggles and links (and the channels, when they changed) are read again. */
export function useNotificationsChanged() {
  const queryClient = useQueryClient();
  return {
    events: (items?: NotificationEvent[]) => {
      if (items) queryClient.setQueryData(EVENTS, items);
      return queryClient.invalidateQueries({ queryKey: EVENTS });
    },
    /** `added`: a new channel, put into the list at once so a form can select it. */
    channels: (added?: Channel) => {
      if (added) queryClient.setQueryData<Channel[]>(CHANNELS, (items = []) => [...items.filter(({ id }) => id !== added.id), added]);
      return Promise.all([queryClient.invalidateQueries({ queryKey: CHANNELS }), queryClient.invalidateQueries({ queryKey: EVENTS })]);
    },
  };
}

export const toggleEvent = async (type: string, enabled: boolean): Promise<NotificationEvent[]> =>
  ((await unwrap(api.PUT('/v1/notification-events', { body: { [type]: enabled } }))) as unknown as { items: NotificationEvent[] }).items;

export const linkChannel = async (type: string, channelId: string, sources: readonly Source[]): Promise<LinkAnswer> =>
  (await unwrap(api.PUT('/v1/notification-events/{type}/channels/{channelId}', { params: { path: { type, channelId } }, body: { sources: [...sources] } }))) as unknown as LinkAnswer;

export const unlinkChannel = async (type: string, channelId: string): Promise<void> => {
  await unwrap(api.DELETE('/v1/notification-events/{type}/channels/{channelId}', { params: { path: { type, channelId } } }));
};

export const createChannel = async (body: { name: string; url: string }): Promise<Channel> =>
  (await unwrap(api.POST('/v1/channels', { body }))) as unknown as Channel;

export const patchChannel = async (id: string, body: { name: string; url: string }): Promise<Channel> =>
  (await unwrap(api.PATCH('/v1/channels/{id}', { params: { path: { id } }, body }))) as unknown as Channel;

export const deleteChannel = async (id: string): Promise<void> => {
  await unwrap(api.DELETE('/v1/channels/{id}', { params: { path: { id } } }));
};

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type Answer, api, unwrap } from '../../api/client';

export const SOURCES = ['admin', 'shop', 'funnel'] as const;
export type Source = (typeof SOURCES)[number];
export type NotificationEvent = Answer<'/v1/notification-events', 'get'>['items'][number];
export type EventLink = NotificationEvent['channels'][number];
export type Channel = Answer<'/v1/channels/{id}', 'get'>;
/** `PUT …/channels/:channelId`: the link, and its postback subscription's signing secret when it was just made. */
export type LinkAnswer = Answer<'/v1/notification-events/{type}/channels/{channelId}', 'put'>;

const EVENTS = ['notification-events'] as const;
const CHANNELS = ['channels'] as const;

export function useNotificationEvents() {
  return useQuery({
    queryKey: EVENTS,
    queryFn: async () => (await unwrap(api.GET('/v1/notification-events'))).items,
  });
}

export function useChannels() {
  return useQuery({
    queryKey: CHANNELS,
    queryFn: async () => {
      const items: Channel[] = [];
      let cursor: string | undefined;
      do {
        const page = await unwrap(api.GET('/v1/channels', { params: { query: { cursor } } }));
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
  (await unwrap(api.PUT('/v1/notification-events', { body: { [type]: enabled } }))).items;

export const linkChannel = (type: string, channelId: string, sources: readonly Source[]): Promise<LinkAnswer> =>
  unwrap(api.PUT('/v1/notification-events/{type}/channels/{channelId}', { params: { path: { type, channelId } }, body: { sources: [...sources] } }));

export const unlinkChannel = async (type: string, channelId: string): Promise<void> => {
  await unwrap(api.DELETE('/v1/notification-events/{type}/channels/{channelId}', { params: { path: { type, channelId } } }));
};

export const createChannel = (body: { name: string; url: string }): Promise<Channel> => unwrap(api.POST('/v1/channels', { body }));

export const patchChannel = (id: string, body: { name: string; url: string }): Promise<Channel> =>
  unwrap(api.PATCH('/v1/channels/{id}', { params: { path: { id } }, body }));

export const deleteChannel = async (id: string): Promise<void> => {
  await unwrap(api.DELETE('/v1/channels/{id}', { params: { path: { id } } }));
};

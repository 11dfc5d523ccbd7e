import type { NotificationChannel } from './notification-channel.entity';
import type { ChannelView } from './notification.schemas';

/** A channel as the API shows it (`channelView`); an absent retry policy is `undefined`, which JSON leaves out. */
export function toChannelView(channel: NotificationChannel): ChannelView {
  return {
    id: channel.id,
    name: channel.name,
    url: channel.url,
    retryPolicy: channel.retryPolicy ?? undefined,
    createdAt: channel.createdAt.toISOString(),
    updatedAt: channel.updatedAt.toISOString(),
  };
}

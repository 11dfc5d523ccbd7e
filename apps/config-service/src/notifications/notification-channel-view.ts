import type { NotificationChannel } from './notification-channel.entity';

/** A channel as the API shows it: DESIGN's `{id, name, url, retryPolicy?}` and timestamps. */
export function toChannelView(channel: NotificationChannel) {
  return {
    id: channel.id,
    name: channel.name,
    url: channel.url,
    ...(channel.retryPolicy ? { retryPolicy: channel.retryPolicy } : {}),
    createdAt: channel.createdAt.toISOString(),
    updatedAt: channel.updatedAt.toISOString(),
  };
}

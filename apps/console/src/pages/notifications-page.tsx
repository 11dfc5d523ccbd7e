import { FormError } from '../forms/field';
import { ChannelsSection } from './notifications/channels-section';
import { EventSection } from './notifications/event-section';
import { useChannels, useNotificationEvents } from './notifications/notifications-api';

/** System Notifications (seed 004): the 10 events with their switches and channels, and the channels. */
export function NotificationsPage() {
  const events = useNotificationEvents();
  const channels = useChannels();
  if (events.isPending || channels.isPending) return <h1 aria-busy="true">System Notifications</h1>;
  if (events.isError || channels.isError) {
    return (
      <>
        <h1>System Notifications</h1>
        <FormError error={events.error ?? channels.error} />
      </>
    );
  }
  return (
    <>
      <h1>System Notifications</h1>
      <p>
        Notify certain events to a channel. Turn an event on with the switch on its right; click the event name to see the channels attached to it, attach
        one, edit its sources or delete it.
      </p>
      <section aria-labelledby="events-heading">
        <h2 id="events-heading">Notification events</h2>
        {events.data.map((event) => (
          <EventSection key={event.type} event={event} channels={channels.data} />
        ))}
      </section>
      <ChannelsSection channels={channels.data} />
    </>
  );
}

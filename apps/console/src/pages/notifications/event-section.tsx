import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { FormError } from '../../forms/field';
import { ConfirmModal } from '../../forms/modal';
import { SigningSecret } from '../integrations/signing-secret';
import { LinkDialog } from './link-dialog';
import { NOTIFICATION_EVENTS, SOURCE_NAMES } from './notification-events';
import { type Channel, type EventLink, type LinkAnswer, type NotificationEvent, toggleEvent, unlinkChannel, useNotificationsChanged } from './notifications-api';

interface Props {
  readonly event: NotificationEvent;
  readonly channels: readonly Channel[];
}

/**
 * One notification event: its switch, and (clicking its name) the channels attached to it with
 * their sources, to attach, edit or delete (seed 004).
 */
export function EventSection({ event, channels }: Props) {
  const id = useId();
  const { name, description } = NOTIFICATION_EVENTS[event.type] ?? { name: event.type, description: '' };
  const changed = useNotificationsChanged();
  const [open, setOpen] = useState(false);
  const [dialog, setDialog] = useState<{ kind: 'attach' } | { kind: 'edit' | 'delete'; link: EventLink }>();
  const [secret, setSecret] = useState<string>();
  const toggle = useMutation({ mutationFn: (enabled: boolean) => toggleEvent(event.type, enabled), onSuccess: (items) => changed.events(items) });
  const detach = useMutation({
    mutationFn: (link: EventLink) => unlinkChannel(event.type, link.channelId),
    onSuccess: async () => {
      await changed.events();
      setDialog(undefined);
    },
  });
  const channelName = (channelId: string) => channels.find((channel) => channel.id === channelId)?.name ?? channelId;
  const linked = async (answer: LinkAnswer) => {
    if (answer.signingSecret) setSecret(answer.signingSecret);
    await changed.events();
    setDialog(undefined);
  };
  return (
    <article role="region" aria-labelledby={`${id}-name`} className="event">
      <div className="event-header">
        <h3 id={`${id}-name`}>
          <button type="button" className="disclosure" aria-expanded={open} aria-controls={`${id}-panel`} onClick={() => setOpen(!open)}>
            {name}
            {/* Hidden from the name, so the event, its switch and its region are named alike. */}
            <span aria-hidden="true">{open ? ' ▾' : ' ▸'}</span>
          </button>
        </h3>
        <input
          type="checkbox"
          role="switch"
          aria-labelledby={`${id}-name`}
          aria-describedby={`${id}-description`}
          checked={event.enabled}
          disabled={toggle.isPending}
          aria-busy={toggle.isPending}
          onChange={(change) => toggle.mutate(change.target.checked)}
        />
      </div>
      <p id={`${id}-description`}>
        <small>
          {description} {event.enabled ? 'On.' : 'Off: nothing is sent to its channels.'}
        </small>
      </p>
      <FormError error={toggle.error} />
      <div id={`${id}-panel`} hidden={!open}>
        {event.channels.length === 0 ? (
          <p>No channel is attached to this event.</p>
        ) : (
          <table>
            <caption>Channels notified of {name}</caption>
            <thead>
              <tr>
                <th scope="col">Channel</th>
                <th scope="col">Sources</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {event.channels.map((link) => (
                <tr key={link.channelId}>
                  <th scope="row">{channelName(link.channelId)}</th>
                  <td>{link.sources.map((source) => SOURCE_NAMES[source]).join(', ')}</td>
                  <td className="row-actions">
                    <button type="button" className="secondary outline" onClick={() => setDialog({ kind: 'edit', link })}>
                      Edit
                    </button>
                    <button type="button" className="secondary outline" onClick={() => setDialog({ kind: 'delete', link })}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {secret && <SigningSecret secret={secret} onDone={() => setSecret(undefined)} />}
        <p className="align-end">
          <button type="button" onClick={() => setDialog({ kind: 'attach' })}>
            Attach channel
          </button>
        </p>
      </div>
      {dialog?.kind === 'attach' && (
        <LinkDialog
          type={event.type}
          channels={channels}
          attached={event.channels.map(({ channelId }) => channelId)}
          onLinked={linked}
          onChannelAdded={(channel) => void changed.channels(channel)}
          onClose={() => setDialog(undefined)}
        />
      )}
      {dialog?.kind === 'edit' && (
        <LinkDialog type={event.type} channels={channels} attached={[]} editing={dialog.link} onLinked={linked} onChannelAdded={() => undefined} onClose={() => setDialog(undefined)} />
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmModal
          title={`Delete ${channelName(dialog.link.channelId)} from ${name}?`}
          confirm="Delete"
          busy={detach.isPending}
          onConfirm={() => detach.mutate(dialog.link)}
          onClose={() => setDialog(undefined)}
        >
          <p>The channel is no longer notified of this event. The channel itself stays.</p>
          <FormError error={detach.error} />
        </ConfirmModal>
      )}
    </article>
  );
}

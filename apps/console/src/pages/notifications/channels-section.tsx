import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { FormError } from '../../forms/field';
import { ConfirmModal, Modal } from '../../forms/modal';
import { ChannelForm } from './channel-form';
import { type Channel, deleteChannel, useNotificationsChanged } from './notifications-api';

/** The tenant's notification channels: postback URLs that events are attached to. */
export function ChannelsSection({ channels }: { readonly channels: readonly Channel[] }) {
  const changed = useNotificationsChanged();
  const [dialog, setDialog] = useState<{ kind: 'add' } | { kind: 'edit' | 'delete'; channel: Channel }>();
  const remove = useMutation({
    mutationFn: (channel: Channel) => deleteChannel(channel.id),
    onSuccess: async () => {
      await changed.channels();
      setDialog(undefined);
    },
  });
  const close = () => setDialog(undefined);
  const saved = async (channel: Channel) => {
    await changed.channels(channel);
    close();
  };
  return (
    <section aria-labelledby="channels-heading">
      <h2 id="channels-heading">Channels</h2>
      <p>A channel is a postback URL. Attach it to the events it should hear about, with the sources it cares about.</p>
      {channels.length === 0 ? (
        <p>No channel yet.</p>
      ) : (
        <table>
          <caption className="visually-hidden">Notification channels</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">URL</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {channels.map((channel) => (
              <tr key={channel.id}>
                <th scope="row">{channel.name}</th>
                <td>
                  <code>{channel.url}</code>
                </td>
                <td className="row-actions">
                  <button type="button" className="secondary outline" onClick={() => setDialog({ kind: 'edit', channel })}>
                    Edit
                  </button>
                  <button type="button" className="secondary outline" onClick={() => setDialog({ kind: 'delete', channel })}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="align-end">
        <button type="button" onClick={() => setDialog({ kind: 'add' })}>
          Add channel
        </button>
      </p>
      {dialog?.kind === 'add' && (
        <Modal title="Add a channel" onClose={close}>
          <ChannelForm onSaved={saved} onCancel={close} />
        </Modal>
      )}
      {dialog?.kind === 'edit' && (
        <Modal title={`Edit channel ${dialog.channel.name}`} onClose={close}>
          <ChannelForm channel={dialog.channel} onSaved={saved} onCancel={close} />
        </Modal>
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmModal title={`Delete channel ${dialog.channel.name}?`} confirm="Delete" busy={remove.isPending} onConfirm={() => remove.mutate(dialog.channel)} onClose={close}>
          <p>It is detached from every event it is attached to, and nothing more is sent to {dialog.channel.url}.</p>
          <FormError error={remove.error} />
        </ConfirmModal>
      )}
    </section>
  );
}

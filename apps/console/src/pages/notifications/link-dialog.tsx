import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { issuesOf } from '../../api/problem';
import { ControlField } from '../../forms/control-field';
import { FormProblem } from '../../forms/form-problem';
import { Modal } from '../../forms/modal';
import { ChannelForm } from './channel-form';
import { eventName } from './notification-events';
import { type Channel, type EventLink, type LinkAnswer, linkChannel, type Source, SOURCES } from './notifications-api';
import { SourcesFieldset } from './sources-fieldset';

interface Props {
  readonly type: string;
  readonly channels: readonly Channel[];
  /** The channels already attached to the event (not offered again). */
  readonly attached: readonly string[];
  /** The link whose sources are edited; a new link is attached without it. */
  readonly editing?: EventLink;
  readonly onLinked: (answer: LinkAnswer) => void;
  readonly onChannelAdded: (channel: Channel) => void;
  readonly onClose: () => void;
}

/** Attach a channel to an event with its sources, or edit a link's sources (seed 004's form). */
export function LinkDialog({ type, channels, attached, editing, onLinked, onChannelAdded, onClose }: Props) {
  const available = channels.filter(({ id }) => id === editing?.channelId || !attached.includes(id));
  const [channelId, setChannelId] = useState(editing?.channelId ?? available[0]?.id ?? '');
  const [sources, setSources] = useState<Source[]>(editing ? [...editing.sources] : [...SOURCES]);
  const [adding, setAdding] = useState(false);
  const save = useMutation({ mutationFn: () => linkChannel(type, channelId, sources), onSuccess: onLinked });
  const at = issuesOf(save.error);
  const channelName = channels.find(({ id }) => id === editing?.channelId)?.name ?? editing?.channelId;
  const event = eventName(type);
  if (adding) {
    return (
      <Modal title="Add a channel" onClose={() => setAdding(false)}>
        <ChannelForm
          onSaved={(channel) => {
            onChannelAdded(channel);
            setChannelId(channel.id);
            setAdding(false);
          }}
          onCancel={() => setAdding(false)}
        />
      </Modal>
    );
  }
  const submit = (submitted: FormEvent) => {
    submitted.preventDefault();
    save.mutate();
  };
  return (
    <Modal title={editing ? `Edit the sources of ${channelName} for ${event}` : `Attach a channel to ${event}`} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        {!editing && (
          <ControlField label="Channel" error={channelId ? undefined : 'Choose a channel, or add one.'}>
            {(control) => (
              <div role="group">
                <select {...control} value={channelId} onChange={(change) => setChannelId(change.target.value)}>
                  {available.length === 0 && <option value="">No channel yet</option>}
                  {available.map((channel) => (
                    <option key={channel.id} value={channel.id}>
                      {channel.name}
                    </option>
                  ))}
                </select>
                <button type="button" className="secondary" onClick={() => setAdding(true)}>
                  Add
                </button>
              </div>
            )}
          </ControlField>
        )}
        <SourcesFieldset value={sources} onChange={setSources} error={at('sources')} />
        <FormProblem error={save.error} fields={['sources']} />
        <footer>
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" aria-busy={save.isPending} disabled={save.isPending || !channelId}>
            Save
          </button>
        </footer>
      </form>
    </Modal>
  );
}

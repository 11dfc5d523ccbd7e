import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { issuesOf } from '../../api/problem';
import { Field } from '../../forms/field';
import { FormProblem } from '../../forms/form-problem';
import { type Channel, createChannel, patchChannel } from './notifications-api';

interface Props {
  /** The channel to edit; a new one is created without it. */
  readonly channel?: Channel;
  readonly onSaved: (channel: Channel) => void;
  readonly onCancel: () => void;
}

/** A notification channel: a name and the postback URL hookbus POSTs events to. */
export function ChannelForm({ channel, onSaved, onCancel }: Props) {
  const [name, setName] = useState(channel?.name ?? '');
  const [url, setUrl] = useState(channel?.url ?? '');
  const save = useMutation({
    mutationFn: () => (channel ? patchChannel(channel.id, { name, url }) : createChannel({ name, url })),
    onSuccess: onSaved,
  });
  const at = issuesOf(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Field label="Name" value={name} onChange={(event) => setName(event.target.value)} error={at('name')} autoComplete="off" />
      <Field
        label="URL"
        type="url"
        value={url}
        onChange={(event) => setUrl(event.target.value)}
        error={at('url')}
        hint="The postback URL: hookbus POSTs {id, event, occurredAt, source, data} to it and waits up to 30 seconds for an answer."
        placeholder="https://example.com/postbacks"
      />
      <FormProblem error={save.error} fields={['name', 'url']} />
      <footer>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" aria-busy={save.isPending} disabled={save.isPending}>
          Save
        </button>
      </footer>
    </form>
  );
}

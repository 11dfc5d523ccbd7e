import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { issuesOf } from '../../api/problem';
import { ControlField } from '../../forms/control-field';
import { Field } from '../../forms/field';
import { FormProblem } from '../../forms/form-problem';
import { listFieldMessage } from '../../forms/list-field-message';
import { BasicBearerAuth } from './basic-bearer-auth';
import { endpointFormOf, type EndpointFormState, endpointToCreate, endpointToPatch } from './endpoint-form-state';
import { ErrorNotificationField } from './error-notification-field';
import { formatDelays } from './retry-delays';
import { SettingInput } from './setting-input';
import { linesOf, type SettingValue } from './setting-values';
import { humanise, settingFieldsOf } from './settings-schema';
import { createSubscription, patchSubscription, type PluginDescription, type Subscription, type WithSecret } from './subscriptions-api';

const COMMON_FIELDS = ['url', 'hook', 'method', 'auth.type', 'auth.username', 'auth.password', 'auth.token', 'errorEmails'];

interface Props {
  readonly plugin: PluginDescription;
  /** The endpoint to edit; a new one is created without it. */
  readonly subscription?: Subscription;
  readonly onSaved: (saved: WithSecret) => void;
  readonly onCancel: () => void;
}

/**
 * An endpoint of any plugin without a card of its own, from what `GET /v1/plugins` says of it: its
 * hooks, methods and auth types, and a field per setting of its settings schema.
 */
export function EndpointForm({ plugin, subscription, onSaved, onCancel }: Props) {
  const fields = useMemo(() => settingFieldsOf(plugin.settingsSchema), [plugin]);
  const [form, setForm] = useState<EndpointFormState>(() => endpointFormOf(plugin, fields, subscription));
  const set = (change: Partial<EndpointFormState>) => setForm((current) => ({ ...current, ...change }));
  const setSetting = (name: string, value: SettingValue) => setForm((current) => ({ ...current, settings: { ...current.settings, [name]: value } }));
  const save = useMutation({
    mutationFn: async () =>
      subscription
        ? patchSubscription(subscription.id, endpointToPatch(plugin, fields, form, subscription))
        : createSubscription(endpointToCreate(plugin, fields, form)),
    onSuccess: onSaved,
  });
  const at = issuesOf(save.error);
  const hook = plugin.hooks.find(({ name }) => name === form.hook);
  const settingError = (name: string, value: SettingValue) =>
    typeof value === 'string' && fields.find((field) => field.name === name)?.control === 'lines'
      ? listFieldMessage(save.error, `settings.${name}`, linesOf(value))
      : at(`settings.${name}`);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Field
        label="URL"
        type="url"
        value={form.url}
        onChange={(event) => set({ url: event.target.value })}
        error={at('url')}
        hint={`The endpoint of your system that hookbus sends ${plugin.title} requests to.`}
        placeholder="https://example.com/webhooks"
      />
      {plugin.methods.length > 1 && (
        <ControlField label="HTTP method" error={at('method')}>
          {(control) => (
            <select {...control} value={form.method} onChange={(event) => set({ method: event.target.value as EndpointFormState['method'] })}>
              {plugin.methods.map((method) => (
                <option key={method}>{method}</option>
              ))}
            </select>
          )}
        </ControlField>
      )}
      {plugin.hooks.length > 1 && (
        <ControlField label="Events" error={at('hook')} hint={subscription ? 'Fixed once saved; add another endpoint for other events.' : undefined}>
          {(control) => (
            <select {...control} value={form.hook} disabled={subscription !== undefined} onChange={(event) => set({ hook: event.target.value })}>
              {plugin.hooks.map(({ name }) => (
                <option key={name} value={name}>
                  {humanise(name)}
                </option>
              ))}
            </select>
          )}
        </ControlField>
      )}
      {hook && (
        <p>
          <small>Events it can send: {hook.eventTypes.join(', ')}.</small>
        </p>
      )}
      {fields.map((field) => (
        <SettingInput
          key={field.name}
          field={field}
          value={form.settings[field.name] ?? ''}
          onChange={(value) => setSetting(field.name, value)}
          error={settingError(field.name, form.settings[field.name] ?? '')}
        />
      ))}
      {plugin.authTypes.some((type) => type !== 'none') && (
        <BasicBearerAuth value={form.auth} saved={subscription?.auth} offered={plugin.authTypes} onChange={(auth) => set({ auth })} at={at} />
      )}
      <ErrorNotificationField
        label="Error e-mails"
        value={form.emails}
        onChange={(emails) => set({ emails })}
        error={save.error}
        hint="Up to 5 addresses, separated by commas, told when a delivery to this endpoint fails for good."
      />
      {plugin.retryPolicy.delaysSeconds.length > 0 && (
        <p>
          <small>A delivery that fails is tried again after {formatDelays(plugin.retryPolicy.delaysSeconds)}; then it fails and the addresses above are e-mailed.</small>
        </p>
      )}
      <FormProblem error={save.error} fields={[...COMMON_FIELDS, ...fields.map(({ name }) => `settings.${name}`)]} />
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

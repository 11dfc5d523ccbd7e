import type { UseMutationResult } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { issuesOf } from '../../api/problem';
import { ControlField } from '../../forms/control-field';
import { Field } from '../../forms/field';
import { FormProblem } from '../../forms/form-problem';
import { SaveButton } from './save-button';
import { type PluginDescription, settingChoices, type Subscription, type WithSecret } from './subscriptions-api';

const FIELDS = ['enabled', 'url', 'method', 'settings.payloadTemplate', 'settings.filter', 'settings.granularity', 'settings.frequencyMinutes', 'settings.batchSize'];

export interface FirehoseFormState {
  readonly enabled: boolean;
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly payloadTemplate: string;
  readonly filter: string;
  readonly granularity: string;
  readonly frequencyMinutes: string;
  readonly batchSize: string;
}

/**
 * The settings to send. An emptied field is `cleared` (null in a PATCH, so the stored value goes and
 * the default applies; left out when creating). A GET sends no payload: SecuTix only POSTs one.
 */
export function firehoseSettings(form: FirehoseFormState, cleared: null | undefined): Record<string, unknown> {
  const text = (value: string) => (value.trim() === '' ? cleared : value.trim());
  const number = (value: string) => (value.trim() === '' ? cleared : Number(value));
  return {
    filter: text(form.filter),
    granularity: form.granularity,
    payloadTemplate: form.method === 'GET' ? cleared : text(form.payloadTemplate),
    frequencyMinutes: number(form.frequencyMinutes),
    batchSize: number(form.batchSize),
  };
}

interface FormProps {
  readonly plugin: PluginDescription;
  readonly subscription?: Subscription;
  readonly save: UseMutationResult<WithSecret, Error, FirehoseFormState>;
}

/** The interface parameters and the schedule, in the words of SecuTix's backend (seed 003). */
export function FirehoseForm({ plugin, subscription, save }: FormProps) {
  const settings = subscription?.settings ?? {};
  const granularities = settingChoices(plugin, 'granularity') ?? ['OPERATIONS', 'MOVEMENTS', 'TICKETS'];
  const schedule = plugin.schedule ?? { frequencyMinutes: 1, batchSize: 60 };
  const [form, setForm] = useState<FirehoseFormState>({
    enabled: subscription?.enabled ?? true,
    url: subscription?.url ?? '',
    method: subscription?.method === 'GET' ? 'GET' : 'POST',
    payloadTemplate: typeof settings['payloadTemplate'] === 'string' ? settings['payloadTemplate'] : '',
    filter: typeof settings['filter'] === 'string' ? settings['filter'] : '',
    granularity: typeof settings['granularity'] === 'string' ? settings['granularity'] : granularities[0],
    frequencyMinutes: String(settings['frequencyMinutes'] ?? schedule.frequencyMinutes),
    batchSize: String(settings['batchSize'] ?? schedule.batchSize),
  });
  const set = (change: Partial<FirehoseFormState>) => setForm((current) => ({ ...current, ...change }));
  const at = issuesOf(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(form);
  };
  return (
    <form onSubmit={submit} noValidate>
      <Field label="Enable" type="checkbox" checked={form.enabled} onChange={(event) => set({ enabled: event.target.checked })} error={at('enabled')} />
      <Field
        label="Url"
        type="url"
        value={form.url}
        onChange={(event) => set({ url: event.target.value })}
        error={at('url')}
        hint="SecuTix replaces ${orderId} with the order id, e.g. https://mydomain.com/path/${orderId}?update=true. Ask for a proxy opening for this URL."
        placeholder="https://mydomain.com/orders/${orderId}"
      />
      <ControlField label="HTTP method" error={at('method')} hint="With GET, ${orderId} must be in the URL.">
        {(control) => (
          <select {...control} value={form.method} onChange={(event) => set({ method: event.target.value as FirehoseFormState['method'] })}>
            {plugin.methods.map((method) => (
              <option key={method}>{method}</option>
            ))}
          </select>
        )}
      </ControlField>
      <ControlField
        label="Payload"
        error={at('settings.payloadTemplate')}
        hint={form.method === 'GET' ? 'POST only.' : 'Optional plain JSON, POSTed with ${orderId} replaced, e.g. {"orderId": ${orderId}}.'}
      >
        {(control) => (
          <textarea
            {...control}
            rows={3}
            spellCheck={false}
            className="code"
            disabled={form.method === 'GET'}
            value={form.payloadTemplate}
            onChange={(event) => set({ payloadTemplate: event.target.value })}
          />
        )}
      </ControlField>
      <Field
        label="Filter"
        className="code"
        spellCheck={false}
        autoComplete="off"
        value={form.filter}
        onChange={(event) => set({ filter: event.target.value })}
        error={at('settings.filter')}
        hint="Optional; conditions separated by ;, all must hold, e.g. OrderDetailsData.OperationDatas(*).ProductCode=XXXX;OrderDetailsData.OrderType=SALE"
      />
      <ControlField label="Granularity" error={at('settings.granularity')} hint="The getOrderDetails detail level the filter reads.">
        {(control) => (
          <select {...control} value={form.granularity} onChange={(event) => set({ granularity: event.target.value })}>
            {granularities.map((granularity) => (
              <option key={granularity}>{granularity}</option>
            ))}
          </select>
        )}
      </ControlField>
      <fieldset>
        <legend>Schedule</legend>
        <Field
          label="Frequency (minutes)"
          type="number"
          min={1}
          max={1440}
          step={1}
          value={form.frequencyMinutes}
          onChange={(event) => set({ frequencyMinutes: event.target.value })}
          error={at('settings.frequencyMinutes')}
          hint="How often closed orders are sent: every 1 to 1440 minutes."
        />
        <Field
          label="Batch size"
          type="number"
          min={1}
          max={1000}
          step={1}
          value={form.batchSize}
          onChange={(event) => set({ batchSize: event.target.value })}
          error={at('settings.batchSize')}
          hint={`Orders sent per run at most; ${schedule.batchSize} is the recommended default.`}
        />
      </fieldset>
      <FormProblem error={save.error} fields={FIELDS} />
      <SaveButton save={save} />
    </form>
  );
}

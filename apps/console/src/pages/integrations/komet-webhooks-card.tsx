import { type UseMutationResult, useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { issuesOf } from '../../api/problem';
import { ControlField } from '../../forms/control-field';
import { Field } from '../../forms/field';
import { FormProblem } from '../../forms/form-problem';
import { type AuthForm, authFormOf, authToSend, BasicBearerAuth } from './basic-bearer-auth';
import { ErrorNotificationField, parseEmails } from './error-notification-field';
import { IntegrationCard } from './integration-card';
import { SaveButton } from './save-button';
import { SubscriptionActions } from './subscription-actions';
import { SubscriptionStatus } from './subscription-status';
import { createSubscription, patchSubscription, type Subscription, type WithSecret } from './subscriptions-api';
import { useSubscriptionCard } from './use-subscription-card';

const PLUGIN = 'komet';
const FIELDS = ['enabled', 'url', 'auth.type', 'auth.username', 'auth.password', 'auth.token', 'errorEmails'];

/** Komet Sales' names for the hooks of its "Webhooks" setting. */
export const KOMET_WEBHOOKS: Readonly<Record<string, string>> = {
  'payment-cancellation': 'Payment Cancellation',
  'order-cancellation': 'Order Cancellation',
};

interface Props {
  /** The hooks the catalog has for this card, in KOMET_WEBHOOKS' order. */
  readonly hooks: readonly string[];
  readonly subscriptionOf: (hook: string) => Subscription | undefined;
}

/** Komet Sales' "Webhooks" setting (seed 001): pick the webhook, then URL, Basic or Bearer, Error Notification. */
export function KometWebhooksCard({ hooks, subscriptionOf }: Props) {
  const [hook, setHook] = useState(hooks[0]);
  const subscription = subscriptionOf(hook);
  const card = useSubscriptionCard(subscription);
  const save = useMutation({
    mutationFn: (form: FormState) => {
      const errorEmails = parseEmails(form.emails);
      return subscription
        ? patchSubscription(subscription.id, { url: form.url, enabled: form.enabled, errorEmails, ...authToSend(form.auth, subscription.auth) })
        : createSubscription({ plugin: PLUGIN, hook: form.hook, url: form.url, enabled: form.enabled, errorEmails, ...authToSend(form.auth, undefined) });
    },
    onSuccess: (saved) => card.saved(saved),
  });
  const choose = (next: string) => {
    setHook(next);
    save.reset();
  };
  const name = KOMET_WEBHOOKS[hook] ?? hook;
  return (
    <IntegrationCard
      vendor="Komet Sales"
      title="Webhooks"
      intro="Komet Sales calls the URL of the webhook selected when it is triggered. If your system answers with an error, the addresses under Error Notification are e-mailed so salespeople can take appropriate action."
    >
      <ControlField label="Webhook" hint={subscription ? `${name} is set up.` : `${name} is not set up yet.`}>
        {(control) => (
          <select {...control} value={hook} onChange={(event) => choose(event.target.value)}>
            {hooks.map((value) => (
              <option key={value} value={value}>
                {KOMET_WEBHOOKS[value] ?? value}
              </option>
            ))}
          </select>
        )}
      </ControlField>
      {subscription && <SubscriptionStatus subscription={subscription} onChanged={(view) => void card.saved(view)} />}
      <WebhookForm key={`${hook}:${card.formKey}`} hook={hook} subscription={subscription} save={save} />
      {subscription && <SubscriptionActions subscription={subscription} card={card} what={`the ${name} webhook`} />}
    </IntegrationCard>
  );
}

interface FormState {
  readonly hook: string;
  readonly enabled: boolean;
  readonly url: string;
  readonly auth: AuthForm;
  readonly emails: string;
}

interface FormProps {
  readonly hook: string;
  readonly subscription?: Subscription;
  readonly save: UseMutationResult<WithSecret, Error, FormState>;
}

function WebhookForm({ hook, subscription, save }: FormProps) {
  const [form, setForm] = useState<FormState>({
    hook,
    enabled: subscription?.enabled ?? true,
    url: subscription?.url ?? '',
    auth: authFormOf(subscription?.auth),
    emails: subscription?.errorEmails.join(', ') ?? '',
  });
  const set = (change: Partial<FormState>) => setForm((current) => ({ ...current, ...change }));
  const at = issuesOf(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(form);
  };
  return (
    <form onSubmit={submit} noValidate>
      <Field label="Enable" type="checkbox" checked={form.enabled} onChange={(event) => set({ enabled: event.target.checked })} error={at('enabled')} />
      <Field
        label="URL"
        type="url"
        value={form.url}
        onChange={(event) => set({ url: event.target.value })}
        error={at('url')}
        hint="The endpoint of your system that Komet Sales calls when this webhook is triggered."
        placeholder="https://theexternalsystem.com"
      />
      <BasicBearerAuth value={form.auth} saved={subscription?.auth} onChange={(auth) => set({ auth })} at={at} />
      <ErrorNotificationField
        value={form.emails}
        onChange={(emails) => set({ emails })}
        error={save.error}
        hint="E-mail addresses notified when an error occurs in the external system; up to 5, separated by commas."
      />
      <FormProblem error={save.error} fields={FIELDS} />
      <SaveButton save={save} />
    </form>
  );
}

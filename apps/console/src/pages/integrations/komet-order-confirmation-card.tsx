import { type UseMutationResult, useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { issuesOf } from '../../api/problem';
import { Field } from '../../forms/field';
import { FormProblem } from '../../forms/form-problem';
import { ErrorNotificationField, parseEmails } from './error-notification-field';
import { IntegrationCard } from './integration-card';
import { SaveButton } from './save-button';
import { SubscriptionActions } from './subscription-actions';
import { SubscriptionStatus } from './subscription-status';
import { type Auth, createSubscription, patchSubscription, type Subscription, type WithSecret } from './subscriptions-api';
import { useSubscriptionCard } from './use-subscription-card';

const PLUGIN = 'komet';
const HOOK = 'order-confirmation';
const FIELDS = ['enabled', 'url', 'auth.type', 'auth.token', 'errorEmails'];

/** Komet Sales' "Order Confirmation Webhook" setting (seed 000): Enable, URL, token, Error Notification. */
export function KometOrderConfirmationCard({ subscription, others }: { readonly subscription?: Subscription; readonly others: number }) {
  const card = useSubscriptionCard(subscription);
  const save = useMutation({
    mutationFn: (form: FormState) =>
      subscription
        ? patchSubscription(subscription.id, { url: form.url, enabled: form.enabled, errorEmails: parseEmails(form.emails), ...authChange(form, subscription.auth) })
        : createSubscription({ plugin: PLUGIN, hook: HOOK, url: form.url, enabled: form.enabled, errorEmails: parseEmails(form.emails), auth: newAuth(form) }),
    onSuccess: (saved) => card.saved(saved),
  });
  return (
    <IntegrationCard
      vendor="Komet Sales"
      title="Order Confirmation Webhook"
      intro="Komet Sales calls this URL when an order is confirmed. If your system answers with an error, the addresses under Error Notification are e-mailed so salespeople can reconfirm the order once the issue is solved."
    >
      {subscription && <SubscriptionStatus subscription={subscription} onChanged={(view) => void card.saved(view)} />}
      <OrderConfirmationForm key={card.formKey} subscription={subscription} save={save} />
      {others > 0 && <p><small>{others} more order confirmation subscription(s) exist; they are managed through the API.</small></p>}
      {subscription && <SubscriptionActions subscription={subscription} card={card} what="the Order Confirmation Webhook" />}
    </IntegrationCard>
  );
}

interface FormState {
  readonly enabled: boolean;
  readonly url: string;
  readonly token: string;
  readonly removeToken: boolean;
  readonly emails: string;
}

const newAuth = ({ token }: FormState): Auth => (token ? { type: 'token', token } : { type: 'none' });

/** A typed token replaces the saved one; an empty field keeps it, unless it is to be removed. */
function authChange(form: FormState, saved: Subscription['auth']): { auth?: Auth } {
  if (form.token) return { auth: { type: 'token', token: form.token } };
  if (form.removeToken && saved.type === 'token') return { auth: { type: 'none' } };
  return {};
}

interface FormProps {
  readonly subscription?: Subscription;
  readonly save: UseMutationResult<WithSecret, Error, FormState>;
}

function OrderConfirmationForm({ subscription, save }: FormProps) {
  const [form, setForm] = useState<FormState>({
    enabled: subscription?.enabled ?? false,
    url: subscription?.url ?? '',
    token: '',
    removeToken: false,
    emails: subscription?.errorEmails.join(', ') ?? '',
  });
  const set = (change: Partial<FormState>) => setForm((current) => ({ ...current, ...change }));
  const at = issuesOf(save.error);
  const hasToken = subscription?.auth.type === 'token';
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
        hint="The endpoint of your system that Komet Sales POSTs {companyId, orderId} to."
        placeholder="https://theexternalsystem.com"
      />
      <Field
        label="Token"
        type="password"
        autoComplete="off"
        value={form.token}
        onChange={(event) => set({ token: event.target.value })}
        error={at('auth')}
        hint={
          hasToken
            ? 'A token is saved and sent as the authenticationToken header. Leave this empty to keep it, or type a new one (at most 50 characters).'
            : 'Optional: sent as the authenticationToken header, at most 50 characters.'
        }
      />
      {hasToken && (
        <Field label="Remove the saved token" type="checkbox" checked={form.removeToken} disabled={form.token !== ''} onChange={(event) => set({ removeToken: event.target.checked })} />
      )}
      {subscription && !['none', 'token'].includes(subscription.auth.type) && (
        <p>
          <small>This webhook authenticates with {subscription.auth.type} (set through the API); a token typed here replaces it.</small>
        </p>
      )}
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

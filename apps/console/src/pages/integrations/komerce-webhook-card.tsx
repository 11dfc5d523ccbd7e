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
import { patchSubscription, registerKomerceUrl, type Subscription, type WithSecret } from './subscriptions-api';
import { useSubscriptionCard } from './use-subscription-card';

const FIELDS = ['url', 'errorEmails'];

/**
 * Komerce's webhook (seed 002): the URL is registered or replaced the way Komerce's own API does it,
 * `PUT /webhook {"url"}`. The addresses e-mailed when the webhook is deactivated are the
 * subscription's error e-mails, changed afterwards only when they differ.
 */
export function KomerceWebhookCard({ subscription }: { readonly subscription?: Subscription }) {
  const card = useSubscriptionCard(subscription);
  const save = useMutation({
    mutationFn: async (form: FormState): Promise<WithSecret> => {
      const registered = await registerKomerceUrl(form.url);
      // The URL is registered even if the addresses are refused below: show it.
      await card.refreshed(registered);
      const errorEmails = parseEmails(form.emails);
      if (JSON.stringify(errorEmails) === JSON.stringify(registered.errorEmails)) return registered;
      const updated = await patchSubscription(registered.id, { errorEmails });
      return { ...updated, ...(registered.signingSecret ? { signingSecret: registered.signingSecret } : {}) };
    },
    onSuccess: (saved) => card.saved(saved),
  });
  return (
    <IntegrationCard
      vendor="Komerce"
      title="Webhook"
      intro="Komerce pushes order events here as they happen: pickup, delivery, cancellation and other status changes (Diajukan, Dijemput, Dikirim, Dibatalkan, Selesai…). Your server answers 200 to confirm receipt."
    >
      {subscription && <SubscriptionStatus subscription={subscription} onChanged={(view) => void card.saved(view)} />}
      <KomerceForm key={card.formKey} subscription={subscription} save={save} />
      {subscription && <SubscriptionActions subscription={subscription} card={card} what="the Komerce webhook" />}
    </IntegrationCard>
  );
}

interface FormState {
  readonly url: string;
  readonly emails: string;
}

interface FormProps {
  readonly subscription?: Subscription;
  readonly save: UseMutationResult<WithSecret, Error, FormState>;
}

function KomerceForm({ subscription, save }: FormProps) {
  const [form, setForm] = useState<FormState>({ url: subscription?.url ?? '', emails: subscription?.errorEmails.join(', ') ?? '' });
  const at = issuesOf(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(form);
  };
  return (
    <form onSubmit={submit} noValidate>
      <Field
        label="Webhook URL"
        type="url"
        value={form.url}
        onChange={(event) => setForm({ ...form, url: event.target.value })}
        error={at('url')}
        hint="A valid, HTTPS-secured URL. Registering a new one replaces the current one."
        placeholder="https://example.com/komerce/webhook"
      />
      <ErrorNotificationField
        value={form.emails}
        onChange={(emails) => setForm({ ...form, emails })}
        error={save.error}
        hint="Up to 5 e-mail addresses, told when Komerce deactivates this webhook after deliveries keep failing."
      />
      <FormProblem error={save.error} fields={FIELDS} />
      <SaveButton save={save} />
    </form>
  );
}

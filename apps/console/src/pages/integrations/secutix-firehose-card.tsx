import { useMutation } from '@tanstack/react-query';
import { IntegrationCard } from './integration-card';
import { FirehoseForm, type FirehoseFormState, firehoseSettings } from './secutix-firehose-form';
import { SubscriptionActions } from './subscription-actions';
import { SubscriptionStatus } from './subscription-status';
import { createSubscription, patchSubscription, type PluginDescription, type Subscription } from './subscriptions-api';
import { useSubscriptionCard } from './use-subscription-card';

const PLUGIN = 'secutix';
const HOOK = 'order-closed';

interface Props {
  readonly plugin: PluginDescription;
  readonly subscription?: Subscription;
}

/**
 * SecuTix's external interface of type "Firehose order" (seed 003) and its schedule: the URL with
 * `${orderId}`, GET or POST, an optional JSON payload, a filter with its granularity, and how
 * often and how many orders are sent.
 */
export function SecutixFirehoseCard({ plugin, subscription }: Props) {
  const card = useSubscriptionCard(subscription);
  const save = useMutation({
    mutationFn: (form: FirehoseFormState) =>
      subscription
        ? patchSubscription(subscription.id, { url: form.url, method: form.method, enabled: form.enabled, settings: firehoseSettings(form, null) })
        : createSubscription({ plugin: PLUGIN, hook: HOOK, url: form.url, method: form.method, enabled: form.enabled, settings: firehoseSettings(form, undefined) }),
    onSuccess: (saved) => card.saved(saved),
  });
  return (
    <IntegrationCard
      vendor="SecuTix"
      title="Firehose order"
      intro="Each time an order is closed, SecuTix calls this URL with the order id; your system then fetches the order with the public web services (getOrderDetails)."
    >
      {subscription && <SubscriptionStatus subscription={subscription} onChanged={(view) => void card.saved(view)} />}
      <FirehoseForm key={card.formKey} plugin={plugin} subscription={subscription} save={save} />
      {subscription && <SubscriptionActions subscription={subscription} card={card} what="the Firehose order interface" />}
    </IntegrationCard>
  );
}

import { useMutation } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { FormError } from '../../forms/field';
import { EndpointDialog } from './endpoint-dialog';
import { settingsSummary } from './settings-summary';
import { settingFieldsOf } from './settings-schema';
import { SubscriptionActions } from './subscription-actions';
import { SubscriptionStatus } from './subscription-status';
import { patchSubscription, type PluginDescription, type Subscription } from './subscriptions-api';
import { useSubscriptionCard } from './use-subscription-card';

const AUTH_NAMES: Readonly<Record<Subscription['auth']['type'], string>> = { none: 'none', token: 'token header', basic: 'Basic', bearer: 'Bearer token' };

interface Props {
  readonly plugin: PluginDescription;
  readonly subscription: Subscription;
}

/** One endpoint of a plugin card: where it sends, what, whether it is on, and what can be done with it. */
export function EndpointItem({ plugin, subscription }: Props) {
  const id = useId();
  const card = useSubscriptionCard(subscription);
  const [editing, setEditing] = useState(false);
  const fields = useMemo(() => settingFieldsOf(plugin.settingsSchema), [plugin]);
  const disable = useMutation({ mutationFn: () => patchSubscription(subscription.id, { enabled: false }), onSuccess: (view) => void card.refreshed(view) });
  const details = [
    ...(plugin.hooks.length > 1 ? [{ label: 'Events', value: subscription.hook }] : []),
    ...settingsSummary(fields, subscription.settings),
    { label: 'Authentication', value: AUTH_NAMES[subscription.auth.type] },
    ...(subscription.errorEmails.length > 0 ? [{ label: 'Error e-mails', value: subscription.errorEmails.join(', ') }] : []),
  ];
  return (
    <section aria-labelledby={`${id}-url`} className="endpoint">
      <h3 id={`${id}-url`} className="code">
        {plugin.methods.length > 1 ? `${subscription.method} ` : ''}
        {subscription.url}
      </h3>
      <SubscriptionStatus subscription={subscription} onChanged={(view) => void card.refreshed(view)} />
      <ul>
        {details.map(({ label, value }) => (
          <li key={label}>
            {label}: <span className="code">{value}</span>
          </li>
        ))}
      </ul>
      <SubscriptionActions subscription={subscription} card={card} what={`the endpoint ${subscription.url}`}>
        <button type="button" className="secondary outline" onClick={() => setEditing(true)}>
          Edit
        </button>
        {subscription.enabled && (
          <button type="button" className="secondary outline" onClick={() => disable.mutate()} aria-busy={disable.isPending} disabled={disable.isPending}>
            Disable
          </button>
        )}
      </SubscriptionActions>
      <FormError error={disable.error} />
      {editing && <EndpointDialog plugin={plugin} subscription={subscription} onSaved={(view) => void card.saved(view)} onClose={() => setEditing(false)} />}
    </section>
  );
}

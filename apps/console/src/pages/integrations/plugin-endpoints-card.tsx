import { useState } from 'react';
import { EndpointDialog } from './endpoint-dialog';
import { EndpointItem } from './endpoint-item';
import { IntegrationCard } from './integration-card';
import { type PluginDescription, type Subscription, useSubscriptionChanged } from './subscriptions-api';

interface Props {
  readonly plugin: PluginDescription;
  /** The tenant's subscriptions of this plugin, oldest first. */
  readonly subscriptions: readonly Subscription[];
}

/**
 * The card of a plugin without one of its own (the generic webhook, or one a platform team added):
 * its endpoints, any number per tenant, each added and edited with a form made from the plugin's
 * description in `GET /v1/plugins`.
 */
export function PluginEndpointsCard({ plugin, subscriptions }: Props) {
  const changed = useSubscriptionChanged();
  const [adding, setAdding] = useState(false);
  return (
    <IntegrationCard
      title={plugin.title}
      intro="hookbus sends each endpoint listed here the events it is set up for, each request signed with the endpoint's own secret."
    >
      {subscriptions.length === 0 ? <p>No endpoint yet.</p> : subscriptions.map((subscription) => <EndpointItem key={subscription.id} plugin={plugin} subscription={subscription} />)}
      <footer className="align-end">
        <button type="button" onClick={() => setAdding(true)}>
          Add endpoint
        </button>
      </footer>
      {adding && <EndpointDialog plugin={plugin} onSaved={(view) => void changed(view)} onClose={() => setAdding(false)} />}
    </IntegrationCard>
  );
}

import { FormError } from '../forms/field';
import { KomerceWebhookCard } from './integrations/komerce-webhook-card';
import { KOMET_WEBHOOKS, KometWebhooksCard } from './integrations/komet-webhooks-card';
import { KometOrderConfirmationCard } from './integrations/komet-order-confirmation-card';
import { PluginEndpointsCard } from './integrations/plugin-endpoints-card';
import { SecutixFirehoseCard } from './integrations/secutix-firehose-card';
import { useSubscriptions } from '../api/subscriptions';
import { othersOf, type PluginDescription, subscriptionOf, subscriptionsOf, usePlugins } from './integrations/subscriptions-api';

/** Plugins with cards of their own below; postback's links are made on the System Notifications page. */
const DEDICATED = ['komet', 'komerce', 'secutix', 'postback'];

const hooksOf = (plugins: readonly PluginDescription[], vendor: string) => plugins.find((plugin) => plugin.vendor === vendor)?.hooks.map(({ name }) => name) ?? [];

/**
 * The tenant's webhooks, one card per vendor setting, in each vendor's own words. A card shows
 * only when this build of hookbus delivers its plugin hook (GET /v1/plugins). Postback links are
 * made on the System Notifications page. Every other plugin gets a card listing its endpoints,
 * with a form made from its description, so a new plugin needs no console code.
 */
export function IntegrationsPage() {
  const plugins = usePlugins();
  // Refetched now and then, so a subscription the platform disabled shows it without a reload.
  const subscriptions = useSubscriptions({ refetchInterval: 5_000 });
  if (plugins.isPending || subscriptions.isPending) return <h1 aria-busy="true">Integrations</h1>;
  if (plugins.isError || subscriptions.isError) {
    return (
      <>
        <h1>Integrations</h1>
        <FormError error={plugins.error ?? subscriptions.error} />
      </>
    );
  }
  const catalog = plugins.data;
  const of = (plugin: string, hook: string) => subscriptionOf(subscriptions.data, plugin, hook);
  const komet = hooksOf(catalog, 'komet');
  const kometWebhooks = Object.keys(KOMET_WEBHOOKS).filter((hook) => komet.includes(hook));
  const secutix = catalog.find((plugin) => plugin.vendor === 'secutix');
  return (
    <>
      <h1>Integrations</h1>
      <p>Where hookbus sends your commerce events. Every request is signed (webhook-signature) with the secret shown when a webhook is saved for the first time.</p>
      <div className="cards">
        {komet.includes('order-confirmation') && (
          <KometOrderConfirmationCard subscription={of('komet', 'order-confirmation')} others={othersOf(subscriptions.data, 'komet', 'order-confirmation')} />
        )}
        {kometWebhooks.length > 0 && <KometWebhooksCard hooks={kometWebhooks} subscriptionOf={(hook) => of('komet', hook)} />}
        {hooksOf(catalog, 'komerce').includes('order-status') && <KomerceWebhookCard subscription={of('komerce', 'order-status')} />}
        {secutix?.hooks.some(({ name }) => name === 'order-closed') && <SecutixFirehoseCard plugin={secutix} subscription={of('secutix', 'order-closed')} />}
        {catalog
          .filter(({ vendor }) => !DEDICATED.includes(vendor))
          .map((plugin) => (
            <PluginEndpointsCard key={plugin.vendor} plugin={plugin} subscriptions={subscriptionsOf(subscriptions.data, plugin.vendor)} />
          ))}
      </div>
    </>
  );
}

import type { Page, Subscription } from '../api-views';
import type { Options } from '../cli-arguments';
import { configApi } from '../connection';
import { subscriptionsTable } from '../human-output';
import type { CommandHandler } from './command-handler';
import { jsonFileOption, jsonOption, listOption } from './json-input';

export const listSubscriptions: CommandHandler = async ({ options }, connection) => {
  const page = await configApi(connection).call<Page<Subscription>>({ method: 'GET', path: '/v1/subscriptions', query: { cursor: options.cursor } });
  return { json: page, human: subscriptionsTable(page) };
};

/** `subscriptions create`: the body from `--from-file`, or from the options (config-service checks it against the plugin). */
export const createSubscription: CommandHandler = async ({ options }, connection) => {
  const body = options['from-file'] !== undefined ? jsonFileOption('from-file', options['from-file']) : subscriptionOf(options);
  const created = await configApi(connection).call<Subscription>({ method: 'POST', path: '/v1/subscriptions', body });
  return {
    json: created,
    human: `created subscription ${created.id} (${created.plugin}/${created.hook}) → ${created.method} ${created.url}\nsigning secret (shown once): ${created.signingSecret}`,
  };
};

export const disableSubscription: CommandHandler = async ({ positionals: [id] }, connection) => {
  const path = `/v1/subscriptions/${encodeURIComponent(id)}`;
  const subscription = await configApi(connection).call<Subscription>({ method: 'PATCH', path, body: { enabled: false } });
  return { json: subscription, human: `disabled subscription ${subscription.id} (${subscription.plugin}/${subscription.hook})` };
};

function subscriptionOf(options: Options): Record<string, unknown> {
  return {
    plugin: options.plugin,
    hook: options.hook,
    url: options.url,
    method: options.method,
    auth: options.auth === undefined ? undefined : jsonOption('auth', options.auth),
    settings: options.settings === undefined ? undefined : jsonOption('settings', options.settings),
    errorEmails: options['error-emails'] === undefined ? undefined : listOption(options['error-emails']),
  };
}

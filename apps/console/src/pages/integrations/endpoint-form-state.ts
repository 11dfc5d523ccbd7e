import { type AuthForm, authFormOf, authToSend } from './basic-bearer-auth';
import { parseEmails } from './error-notification-field';
import { settingsToSend, type SettingValues, settingValuesOf } from './setting-values';
import type { SettingField } from './settings-schema';
import type { PluginDescription, Subscription, SubscriptionInput, SubscriptionPatch } from './subscriptions-api';

type Method = PluginDescription['methods'][number];

/** What the generic endpoint form holds: the common fields, and the plugin's settings as typed. */
export interface EndpointFormState {
  readonly hook: string;
  readonly url: string;
  readonly method: Method;
  readonly auth: AuthForm;
  readonly emails: string;
  readonly settings: SettingValues;
}

/** The form for a saved endpoint, or for a new one with the plugin's first hook, method and defaults. */
export const endpointFormOf = (plugin: PluginDescription, fields: readonly SettingField[], subscription?: Subscription): EndpointFormState => ({
  hook: subscription?.hook ?? plugin.hooks[0]?.name ?? '',
  url: subscription?.url ?? '',
  method: subscription?.method ?? plugin.defaultMethod,
  auth: authFormOf(subscription?.auth, plugin.authTypes),
  emails: subscription?.errorEmails.join(', ') ?? '',
  settings: settingValuesOf(fields, subscription?.settings),
});

/** A new subscription of the plugin; a method is sent only when the plugin offers a choice. */
export function endpointToCreate(plugin: PluginDescription, fields: readonly SettingField[], form: EndpointFormState): SubscriptionInput {
  return {
    plugin: plugin.vendor,
    hook: form.hook,
    url: form.url.trim(),
    ...(plugin.methods.length > 1 ? { method: form.method } : {}),
    errorEmails: parseEmails(form.emails),
    ...authToSend(form.auth, undefined, plugin.authTypes),
    settings: settingsToSend(fields, form.settings, undefined),
  };
}

/** The changes to a saved endpoint: the hook stays (the API refuses to change it), a secret left empty is kept. */
export function endpointToPatch(plugin: PluginDescription, fields: readonly SettingField[], form: EndpointFormState, saved: Subscription): SubscriptionPatch {
  return {
    url: form.url.trim(),
    ...(plugin.methods.length > 1 ? { method: form.method } : {}),
    errorEmails: parseEmails(form.emails),
    ...authToSend(form.auth, saved.auth, plugin.authTypes),
    settings: settingsToSend(fields, form.settings, null),
  };
}

import type { SubscriptionSnapshotV1 } from '@hookbus/contracts';
import type { DeliverablePlugin, HttpMethod, Subscription, SubscriptionAuth } from '@hookbus/delivery-sdk';
import type { SecretBox } from '@hookbus/platform';

/** The plain `Subscription` a plugin renders with: auth secrets opened, settings defaults applied. */
export function plainSubscription(box: SecretBox, snapshot: SubscriptionSnapshotV1, plugin: DeliverablePlugin): Subscription {
  // Snapshots carry validated settings; a parse only fills defaults added since. If it no longer
  // parses, the stored settings still beat blocking the partition.
  const settings = plugin.settingsSchema.safeParse(snapshot.settings);
  return {
    plugin: snapshot.plugin,
    hook: snapshot.hook,
    url: snapshot.url,
    method: snapshot.method as HttpMethod,
    enabled: snapshot.enabled,
    auth: unsealAuth(box, snapshot.auth),
    errorEmails: snapshot.errorEmails,
    settings: settings.success ? (settings.data as Record<string, unknown>) : snapshot.settings,
    ...(snapshot.retryPolicy ? { retryPolicy: snapshot.retryPolicy } : {}),
  };
}

function unsealAuth(box: SecretBox, auth: SubscriptionSnapshotV1['auth']): SubscriptionAuth {
  switch (auth.type) {
    case 'none':
      return { type: 'none' };
    case 'token':
      return { type: 'token', token: box.decrypt(auth.token) };
    case 'basic':
      return { type: 'basic', username: auth.username, password: box.decrypt(auth.password) };
    case 'bearer':
      return { type: 'bearer', token: box.decrypt(auth.token) };
  }
}

/** Every signing secret still valid at `now`: during a rotation the previous one signs too. */
export function activeSigningSecrets(box: SecretBox, snapshot: SubscriptionSnapshotV1, now: Date): string[] {
  return snapshot.signingSecrets
    .filter(({ expiresAt }) => expiresAt === undefined || Date.parse(expiresAt) > now.getTime())
    .map(({ secret }) => box.decrypt(secret));
}

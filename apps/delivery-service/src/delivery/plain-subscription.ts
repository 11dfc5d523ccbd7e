import { sealedFieldContext, type SubscriptionSnapshotV1 } from '@hookbus/contracts';
import type { DeliverablePlugin, HttpMethod, Subscription, SubscriptionAuth } from '@hookbus/delivery-sdk';
import type { SecretBox } from '@hookbus/platform';

// Opening a snapshot costs AES-GCM decryptions. Snapshots are never changed in place (a change
// replaces the object in the view), so each is opened once and forgotten with it.
const opened = new WeakMap<SubscriptionSnapshotV1, Subscription>();
const openedSecrets = new WeakMap<SubscriptionSnapshotV1, { readonly secret: string; readonly expiresAtMs: number }[]>();

/** The plain `Subscription` a plugin renders with: auth secrets opened, settings defaults applied. */
export function plainSubscription(box: SecretBox, snapshot: SubscriptionSnapshotV1, plugin: DeliverablePlugin): Subscription {
  let subscription = opened.get(snapshot);
  if (!subscription) {
    subscription = open(box, snapshot, plugin);
    opened.set(snapshot, subscription);
  }
  return subscription;
}

function open(box: SecretBox, snapshot: SubscriptionSnapshotV1, plugin: DeliverablePlugin): Subscription {
  // Snapshots carry validated settings; a parse only fills defaults added since. If it no longer
  // parses, the stored settings still beat blocking the partition.
  const settings = plugin.settingsSchema.safeParse(snapshot.settings);
  return {
    plugin: snapshot.plugin,
    hook: snapshot.hook,
    url: snapshot.url,
    method: snapshot.method as HttpMethod,
    enabled: snapshot.enabled,
    auth: unsealAuth(box, snapshot.id, snapshot.auth),
    errorEmails: snapshot.errorEmails,
    settings: settings.success ? (settings.data as Record<string, unknown>) : snapshot.settings,
    ...(snapshot.retryPolicy ? { retryPolicy: snapshot.retryPolicy } : {}),
    ...(snapshot.rateLimit ? { rateLimit: snapshot.rateLimit } : {}),
  };
}

function unsealAuth(box: SecretBox, id: string, auth: SubscriptionSnapshotV1['auth']): SubscriptionAuth {
  switch (auth.type) {
    case 'none':
      return { type: 'none' };
    case 'token':
      return { type: 'token', token: box.decrypt(auth.token, sealedFieldContext(id, 'auth.token')) };
    case 'basic':
      return { type: 'basic', username: auth.username, password: box.decrypt(auth.password, sealedFieldContext(id, 'auth.password')) };
    case 'bearer':
      return { type: 'bearer', token: box.decrypt(auth.token, sealedFieldContext(id, 'auth.token')) };
  }
}

/** Every signing secret still valid at `now`: during a rotation the previous one signs too. */
export function activeSigningSecrets(box: SecretBox, snapshot: SubscriptionSnapshotV1, now: Date): string[] {
  let secrets = openedSecrets.get(snapshot);
  if (!secrets) {
    const context = sealedFieldContext(snapshot.id, 'signingSecret');
    secrets = snapshot.signingSecrets.map(({ secret, expiresAt }) => ({
      secret: box.decrypt(secret, context),
      expiresAtMs: expiresAt === undefined ? Infinity : Date.parse(expiresAt),
    }));
    openedSecrets.set(snapshot, secrets);
  }
  const nowMs = now.getTime();
  return secrets.filter(({ expiresAtMs }) => expiresAtMs > nowMs).map(({ secret }) => secret);
}

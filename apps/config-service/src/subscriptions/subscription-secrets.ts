import { randomBytes } from 'node:crypto';
import { sealedFieldContext } from '@hookbus/contracts';
import type { SecretBox } from '@hookbus/platform';
import type { SealedAuth, Subscription } from './subscription.entity';
import type { MaskedAuth } from './subscription.schemas';

/** The auth of a subscription as the API takes it: secrets in plain text. */
export type PlainAuth =
  | { type: 'none' }
  | { type: 'token'; token: string }
  | { type: 'basic'; username: string; password: string }
  | { type: 'bearer'; token: string };

export const MASK = '********';

export function sealAuth(box: SecretBox, subscriptionId: string, auth: PlainAuth): SealedAuth {
  switch (auth.type) {
    case 'none':
      return auth;
    case 'basic':
      return { ...auth, password: box.encrypt(auth.password, sealedFieldContext(subscriptionId, 'auth.password')) };
    default:
      return { ...auth, token: box.encrypt(auth.token, sealedFieldContext(subscriptionId, 'auth.token')) };
  }
}

export function unsealAuth(box: SecretBox, subscriptionId: string, auth: SealedAuth): PlainAuth {
  switch (auth.type) {
    case 'none':
      return auth;
    case 'basic':
      return { ...auth, password: box.decrypt(auth.password, sealedFieldContext(subscriptionId, 'auth.password')) };
    default:
      return { ...auth, token: box.decrypt(auth.token, sealedFieldContext(subscriptionId, 'auth.token')) };
  }
}

export const sealSigningSecret = (box: SecretBox, subscriptionId: string, secret: string): string =>
  box.encrypt(secret, sealedFieldContext(subscriptionId, 'signingSecret'));

const unsealSigningSecret = (box: SecretBox, subscriptionId: string, sealed: string): string =>
  box.decrypt(sealed, sealedFieldContext(subscriptionId, 'signingSecret'));

type SealedParts = Pick<Subscription, 'id' | 'auth' | 'signingSecrets'>;

/** True when every secret of the subscription is sealed under the current key in the current form. */
export function sealedUnderCurrentKey(box: SecretBox, { auth, signingSecrets }: SealedParts): boolean {
  const authSecret = auth.type === 'none' ? [] : [auth.type === 'basic' ? auth.password : auth.token];
  return [...authSecret, ...signingSecrets.map(({ secret }) => secret)].every((sealed) => box.isCurrent(sealed));
}

/** The subscription's secrets opened and sealed again under the current key. */
export function resealed(box: SecretBox, { id, auth, signingSecrets }: SealedParts): Pick<Subscription, 'auth' | 'signingSecrets'> {
  return {
    auth: sealAuth(box, id, unsealAuth(box, id, auth)),
    signingSecrets: signingSecrets.map((entry) => ({ ...entry, secret: sealSigningSecret(box, id, unsealSigningSecret(box, id, entry.secret)) })),
  };
}

/** What API responses show: the kind of auth and the user name, never a secret. */
export function maskAuth(auth: SealedAuth): MaskedAuth {
  switch (auth.type) {
    case 'none':
      return auth;
    case 'basic':
      return { ...auth, password: MASK };
    default:
      return { ...auth, token: MASK };
  }
}

/** A Standard Webhooks secret: `whsec_` + base64 of 24 random bytes. */
export const newSigningSecret = (): string => `whsec_${randomBytes(24).toString('base64')}`;

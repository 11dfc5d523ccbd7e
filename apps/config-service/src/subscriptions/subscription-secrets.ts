import { randomBytes } from 'node:crypto';
import type { SecretBox } from '@hookbus/platform';
import type { SealedAuth } from './subscription.entity';

/** The auth of a subscription as the API takes it: secrets in plain text. */
export type PlainAuth =
  | { type: 'none' }
  | { type: 'token'; token: string }
  | { type: 'basic'; username: string; password: string }
  | { type: 'bearer'; token: string };

export const MASK = '********';

export function sealAuth(box: SecretBox, auth: PlainAuth): SealedAuth {
  switch (auth.type) {
    case 'none':
      return auth;
    case 'basic':
      return { ...auth, password: box.encrypt(auth.password) };
    default:
      return { ...auth, token: box.encrypt(auth.token) };
  }
}

export function unsealAuth(box: SecretBox, auth: SealedAuth): PlainAuth {
  switch (auth.type) {
    case 'none':
      return auth;
    case 'basic':
      return { ...auth, password: box.decrypt(auth.password) };
    default:
      return { ...auth, token: box.decrypt(auth.token) };
  }
}

/** What API responses show: the kind of auth and the user name, never a secret. */
export function maskAuth(auth: SealedAuth): PlainAuth {
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

import type { SubscriptionAuth } from './subscription-auth.schema';

/** Auth headers for a subscription, and which of them carry secrets (all of them, today). */
export interface AuthHeaders {
  readonly headers: Readonly<Record<string, string>>;
  readonly secretHeaders: readonly string[];
}

/**
 * The headers that authenticate hookbus to the receiver, from the subscription's decrypted auth:
 * Komet's `authenticationToken: <token>`, `Authorization: Basic base64(user:pass)` (UTF-8, RFC 7617)
 * or `Authorization: Bearer <token>`.
 */
export function authHeaders(auth: SubscriptionAuth): AuthHeaders {
  switch (auth.type) {
    case 'none':
      return { headers: {}, secretHeaders: [] };
    case 'token':
      return secret('authenticationToken', auth.token);
    case 'basic':
      return secret('Authorization', `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`);
    case 'bearer':
      return secret('Authorization', `Bearer ${auth.token}`);
  }
}

const secret = (name: string, value: string): AuthHeaders => ({ headers: { [name]: value }, secretHeaders: [name] });

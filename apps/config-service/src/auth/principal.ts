import type { ApiKeyRole } from '@hookbus/contracts';

export type Role = ApiKeyRole;

/**
 * Who is calling: the operator (HOOKBUS_ADMIN_TOKEN) or a tenant with roles: an API key, or a
 * console session. `keyId` is the key it came with (none for a portal session the operator opened).
 */
export type Principal =
  | { readonly kind: 'operator' }
  | { readonly kind: 'tenant'; readonly tenantId: string; readonly keyId?: string; readonly roles: readonly Role[] };

/** True when the principal may act on `tenantId`: the operator always, a key only on its own tenant. */
export const canAccessTenant = (principal: Principal, tenantId: string): boolean =>
  principal.kind === 'operator' || principal.tenantId === tenantId;

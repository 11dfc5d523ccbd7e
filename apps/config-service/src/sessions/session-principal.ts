import type { Principal } from '../auth/principal';
import type { ConsoleSession } from './console-session.entity';

type SessionFields = Pick<ConsoleSession, 'kind' | 'tenantId' | 'keyId' | 'roles'>;

/** The columns that say who a session is. */
export const sessionFieldsOf = (principal: Principal): SessionFields =>
  principal.kind === 'operator'
    ? { kind: 'operator', roles: [] }
    : { kind: 'tenant', tenantId: principal.tenantId, keyId: principal.keyId, roles: [...principal.roles] };

/** Who a stored session is; undefined for a tenant session without a tenant (never written so). */
export function principalOfSession({ kind, tenantId, keyId, roles }: SessionFields): Principal | undefined {
  if (kind === 'operator') return { kind: 'operator' };
  if (!tenantId) return undefined;
  return { kind: 'tenant', tenantId, ...(keyId ? { keyId } : {}), roles };
}

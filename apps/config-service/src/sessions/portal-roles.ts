import type { ValidationIssue } from '@hookbus/contracts';
import type { Principal, Role } from '../auth/principal';

/** What a portal link may grant: the console's roles (a producer sends events, it has nothing to see). */
export const PORTAL_ROLES = ['admin', 'setup'] as const satisfies readonly Role[];

// admin may do everything setup may, so holding admin is holding setup.
const IMPLIED: Partial<Record<Role, readonly Role[]>> = { admin: ['setup'] };

/**
 * The requested roles `principal` may not hand out, one issue each: the operator may grant any;
 * a tenant only what it holds itself.
 */
export function rolesBeyondGrant(principal: Principal, requested: readonly Role[]): ValidationIssue[] {
  if (principal.kind === 'operator') return [];
  const held = new Set(principal.roles.flatMap((role) => [role, ...(IMPLIED[role] ?? [])]));
  return requested.flatMap((role, index) =>
    held.has(role) ? [] : [{ field: `roles.${index}`, rule: 'not_held', message: `you cannot grant ${role}: you do not hold it` }],
  );
}

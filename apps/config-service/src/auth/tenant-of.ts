import type { Principal } from '../auth/principal';

/** Tenant routes act on the key's own tenant; operator tokens have none (their routes never allow them). */
export const tenantOf = (principal: Principal): string => (principal.kind === 'tenant' ? principal.tenantId : '');

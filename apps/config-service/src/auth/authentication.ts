import type { Principal } from './principal';

/** An authenticated request: who, and by what. */
export type Authentication =
  /** `Authorization: Bearer` (scripts, the API): nothing more to prove. */
  | { readonly principal: Principal; readonly via: 'bearer' }
  /** The console's session cookie: state-changing requests also need the CSRF header. */
  | { readonly principal: Principal; readonly via: 'session'; readonly expiresAt: Date };

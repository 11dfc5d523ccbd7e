import { SetMetadata } from '@nestjs/common';
import type { Role } from './principal';

export type Caller = 'operator' | Role;
export const ALLOWED_CALLERS = Symbol('ALLOWED_CALLERS');

/** Who may call a route: the operator and/or tenant keys holding one of the roles. */
export const Allow = (...callers: Caller[]) => SetMetadata(ALLOWED_CALLERS, callers);

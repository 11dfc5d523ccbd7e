import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Authentication } from './authentication';
import type { Principal } from './principal';

export const PRINCIPAL = Symbol('PRINCIPAL');
export const AUTHENTICATION = Symbol('AUTHENTICATION');

/** The caller AuthGuard authenticated for this request. */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal => context.switchToHttp().getRequest()[PRINCIPAL],
);

/** The caller and how it was authenticated (bearer or session cookie). */
export const CurrentAuthentication = createParamDecorator(
  (_: unknown, context: ExecutionContext): Authentication => context.switchToHttp().getRequest()[AUTHENTICATION],
);

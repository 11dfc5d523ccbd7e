import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from './principal';

export const PRINCIPAL = Symbol('PRINCIPAL');

/** The caller AuthGuard authenticated for this request. */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal => context.switchToHttp().getRequest()[PRINCIPAL],
);

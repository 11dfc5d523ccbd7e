import { createHash, timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { bearerToken } from './bearer-token';
import { ProblemException } from './problem';

/** Injection token of the operator token (HOOKBUS_ADMIN_TOKEN, else `.data/admin-token`). */
export const OPERATOR_TOKEN = Symbol('OPERATOR_TOKEN');

const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest();

/** Constant-time comparison of a presented bearer token with the operator token. */
export function isOperatorToken(presented: string, operatorToken: string): boolean {
  // Equal-length digests: neither the content nor the length of the token leaks through timing.
  return timingSafeEqual(sha256(presented), sha256(operatorToken));
}

/** Operator-only routes (ops views listing every tenant): `Authorization: Bearer <operator token>`, else 401. */
@Injectable()
export class OperatorGuard implements CanActivate {
  constructor(@Inject(OPERATOR_TOKEN) private readonly operatorToken: string) {}

  canActivate(context: ExecutionContext): boolean {
    const token = bearerToken(context.switchToHttp().getRequest<Request>().headers.authorization);
    if (token === undefined || !isOperatorToken(token, this.operatorToken)) {
      throw new ProblemException(HttpStatus.UNAUTHORIZED, 'Unauthorized', 'Send `Authorization: Bearer <operator token>` (HOOKBUS_ADMIN_TOKEN).');
    }
    return true;
  }
}

import { type CanActivate, type ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ProblemException } from '@hookbus/platform';
import { changesState, csrfHeaderMissing, hasCsrfHeader } from '../sessions/csrf';
import { ALLOWED_CALLERS, type Caller } from './allow.decorator';
import { Authenticator } from './authenticator';
import { AUTHENTICATION, PRINCIPAL } from './current-principal.decorator';

/**
 * `Authorization: Bearer <operator token | API key>` or the console's session cookie (which needs
 * `x-hookbus-csrf: 1` to change anything), then the route's `@Allow(...)` list.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(Authenticator) private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest();
    const authentication = await this.authenticator.authenticateRequest(request.headers);
    if (!authentication) {
      throw new ProblemException(HttpStatus.UNAUTHORIZED, 'Unauthorized', 'Send `Authorization: Bearer <api key>`, or sign in with POST /v1/sessions.');
    }
    if (authentication.via === 'session' && changesState(request.method) && !hasCsrfHeader(request.headers)) throw csrfHeaderMissing();
    const { principal } = authentication;
    const allowed = this.reflector.getAllAndOverride<Caller[]>(ALLOWED_CALLERS, [context.getHandler(), context.getClass()]) ?? [];
    const permitted = principal.kind === 'operator'
      ? allowed.includes('operator')
      : principal.roles.some((role) => allowed.includes(role));
    if (!permitted) {
      throw new ProblemException(HttpStatus.FORBIDDEN, 'Forbidden', `This route needs one of: ${allowed.join(', ')}.`);
    }
    request[AUTHENTICATION] = authentication;
    request[PRINCIPAL] = principal;
    return true;
  }
}

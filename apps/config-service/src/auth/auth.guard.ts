import { type CanActivate, type ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { bearerToken, ProblemException } from '@hookbus/platform';
import { ALLOWED_CALLERS, type Caller } from './allow.decorator';
import { Authenticator } from './authenticator';
import { PRINCIPAL } from './current-principal.decorator';

/** `Authorization: Bearer <operator token | API key>`, then the route's `@Allow(...)` list. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(Authenticator) private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest();
    const token = bearerToken(request.headers.authorization);
    const principal = token ? await this.authenticator.authenticate(token) : undefined;
    if (!principal) {
      throw new ProblemException(HttpStatus.UNAUTHORIZED, 'Unauthorized', 'Send `Authorization: Bearer <api key>`.');
    }
    const allowed = this.reflector.getAllAndOverride<Caller[]>(ALLOWED_CALLERS, [context.getHandler(), context.getClass()]) ?? [];
    const permitted = principal.kind === 'operator'
      ? allowed.includes('operator')
      : principal.roles.some((role) => allowed.includes(role));
    if (!permitted) {
      throw new ProblemException(HttpStatus.FORBIDDEN, 'Forbidden', `This route needs one of: ${allowed.join(', ')}.`);
    }
    request[PRINCIPAL] = principal;
    return true;
  }
}

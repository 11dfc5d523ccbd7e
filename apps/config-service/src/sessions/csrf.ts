import type { IncomingHttpHeaders } from 'node:http';
import { type CanActivate, type ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { ProblemException } from '@hookbus/platform';

/**
 * A header a cross-site form cannot send, and cross-site script can send only after a CORS
 * preflight that config-service never grants: its presence proves the request came from the
 * console's own pages. Required with the session cookie on every request that changes something.
 */
export const CSRF_HEADER = 'x-hookbus-csrf';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const changesState = (method: string): boolean => !SAFE_METHODS.has(method.toUpperCase());

export const hasCsrfHeader = (headers: IncomingHttpHeaders): boolean => headers[CSRF_HEADER] === '1';

export const csrfHeaderMissing = () =>
  new ProblemException(
    HttpStatus.FORBIDDEN,
    'Forbidden',
    `Send the header \`${CSRF_HEADER}: 1\`: signing in and out need it, and so does every request by session cookie other than GET, HEAD or OPTIONS.`,
  );

/** Signing in and out: the header is required whatever the credentials (login CSRF). */
@Injectable()
export class CsrfHeaderGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (!hasCsrfHeader(context.switchToHttp().getRequest<{ headers: IncomingHttpHeaders }>().headers)) throw csrfHeaderMissing();
    return true;
  }
}

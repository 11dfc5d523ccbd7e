import { parseCookie, stringifySetCookie } from 'cookie';
import { looksLikeSecretToken } from './secret-token';

/** The console's session cookie. */
export const SESSION_COOKIE = 'hookbus_session';

/**
 * `Set-Cookie` for a new session. HttpOnly: page scripts never read it; SameSite=Strict: other sites'
 * pages never send it; Secure when the request came over HTTPS.
 */
export const sessionCookie = (token: string, maxAgeSeconds: number, secure: boolean): string =>
  stringifySetCookie({ name: SESSION_COOKIE, value: token, httpOnly: true, sameSite: 'strict', path: '/', secure, maxAge: maxAgeSeconds });

/** `Set-Cookie` that makes the browser drop the session cookie. */
export const clearedSessionCookie = (secure: boolean): string =>
  stringifySetCookie({ name: SESSION_COOKIE, value: '', httpOnly: true, sameSite: 'strict', path: '/', secure, maxAge: 0, expires: new Date(0) });

/** The session token of a `Cookie` header, if it carries one of the right shape. */
export function sessionTokenOf(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  const token = parseCookie(cookieHeader)[SESSION_COOKIE];
  return token !== undefined && looksLikeSecretToken(token) ? token : undefined;
}

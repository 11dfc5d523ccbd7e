import { parseSetCookie } from 'cookie';
import { newSecretToken } from './secret-token';
import { clearedSessionCookie, SESSION_COOKIE, sessionCookie, sessionTokenOf } from './session-cookie';

describe('the session cookie', () => {
  const token = newSecretToken();

  it('is HttpOnly, SameSite=Strict, for the whole site, and lasts as long as the session', () => {
    const header = sessionCookie(token, 43_200, false);
    expect(header).toBe(`${SESSION_COOKIE}=${token}; Max-Age=43200; Path=/; HttpOnly; SameSite=Strict`);
  });

  it('is Secure when the request came over HTTPS', () => {
    expect(parseSetCookie(sessionCookie(token, 60, true))).toMatchObject({ name: 'hookbus_session', secure: true, httpOnly: true, sameSite: 'strict' });
  });

  it('is cleared with an empty value that has already expired', () => {
    const cleared = parseSetCookie(clearedSessionCookie(false));
    expect(cleared).toMatchObject({ name: 'hookbus_session', value: '', maxAge: 0, path: '/', httpOnly: true });
    expect(cleared.expires?.getTime()).toBe(0);
  });

  it('is read from a Cookie header among others', () => {
    expect(sessionTokenOf(`theme=dark; ${SESSION_COOKIE}=${token}; lang=en`)).toBe(token);
  });

  it.each([
    ['no header', undefined],
    ['no session cookie', 'theme=dark'],
    ['a value of another shape', `${SESSION_COOKIE}=not-a-token`],
    ['an empty value', `${SESSION_COOKIE}=`],
  ])('is absent with %s', (_, header) => {
    expect(sessionTokenOf(header)).toBeUndefined();
  });
});

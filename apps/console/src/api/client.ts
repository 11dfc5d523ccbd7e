import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './openapi';
import type { RequestBodyJSON, SuccessResponseJSON } from 'openapi-typescript-helpers';
import { ProblemError } from './problem';

/**
 * config-service on the same origin, authenticated by the session cookie. Every request carries the
 * header a cross-site form or link cannot send, which the server requires of state-changing requests.
 */
const sameSite: Middleware = {
  onRequest({ request }) {
    request.headers.set('x-hookbus-csrf', '1');
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });
api.use(sameSite);

/** The answer's data, or a ProblemError carrying the problem+json the server sent. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw ProblemError.from(response.status, error);
  return data as T;
}

/** What a route answers on success, from the generated types: `Answer<'/v1/subscriptions/{id}', 'get'>`. */
export type Answer<P extends keyof paths, M extends keyof paths[P]> = SuccessResponseJSON<paths[P][M] & Record<string | number, unknown>>;

/** The JSON body a route takes: `Body<'/v1/subscriptions', 'post'>`. */
export type Body<P extends keyof paths, M extends keyof paths[P]> = RequestBodyJSON<paths[P][M]>;

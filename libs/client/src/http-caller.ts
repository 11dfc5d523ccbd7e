import { type Backoff, backoffDelay, backoffOf, retryAfterMs, type RetryOptions } from './backoff';
import { describeProblem, type Problem, RefusedError, UnavailableError } from './client-errors';

export interface HttpCallerOptions {
  /** e.g. `http://127.0.0.1:3002`. */
  readonly url: string;
  /** Sent as `Authorization: Bearer <token>`: an API key or the operator token. */
  readonly token?: string;
  readonly retry?: RetryOptions;
  /** How long one try may take before it counts as no answer (default 10 s). */
  readonly timeoutMs?: number;
}

export interface HttpCall {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
  /** Parameters left undefined are not sent. */
  readonly query?: Readonly<Record<string, string | undefined>>;
  /** Sent as it is when a string, else as JSON. */
  readonly body?: unknown;
  readonly contentType?: string;
  /**
   * Whether the call may be sent again after it may have reached the server (no answer, a 5xx).
   * Defaults to true for every method but POST; a POST that is not idempotent is sent again only
   * when it surely was not taken (connection refused, 429).
   */
  readonly idempotent?: boolean;
}

type Outcome = { readonly answer: Response; readonly text: string } | { readonly error: unknown };

/** JSON over HTTP to a hookbus service, with retries and backoff; refusals and outages as typed errors. */
export class HttpCaller {
  private readonly backoff: Backoff;
  private readonly base: string;

  constructor(private readonly options: HttpCallerOptions) {
    this.backoff = backoffOf(options.retry);
    this.base = options.url.replace(/\/+$/, '');
  }

  /** The parsed JSON answer, or undefined when there is none (204). */
  async call<T = unknown>(call: HttpCall): Promise<T> {
    const url = this.urlOf(call);
    const request = `${call.method} ${url}`;
    const idempotent = call.idempotent ?? call.method !== 'POST';
    for (let attempt = 1; ; attempt += 1) {
      const outcome = await this.once(call, url);
      if ('answer' in outcome) {
        if (outcome.answer.ok) return (outcome.text ? JSON.parse(outcome.text) : undefined) as T;
        if (!isTransient(outcome.answer.status)) throw new RefusedError(request, outcome.answer.status, problemOf(outcome.text));
      }
      const status = 'answer' in outcome ? outcome.answer.status : undefined;
      const failed = (rest: string) => new UnavailableError(`${request} ${describe(outcome)}${rest}`, attempt, status, 'error' in outcome ? { cause: outcome.error } : undefined);
      if (!idempotent && !surelyNotTaken(outcome)) throw failed('; not sent again, since it may have been taken');
      if (attempt >= this.backoff.attempts) throw failed(` after ${attempt} attempt(s)`);
      const asked = 'answer' in outcome ? retryAfterMs(outcome.answer.headers.get('retry-after')) : undefined;
      if (asked !== undefined && asked > this.backoff.maxDelayMs) {
        throw failed(` and asks to wait ${asked} ms, longer than the ${this.backoff.maxDelayMs} ms the client waits`);
      }
      await this.backoff.sleep(asked ?? backoffDelay(attempt, this.backoff));
    }
  }

  private async once(call: HttpCall, url: string): Promise<Outcome> {
    const body = call.body === undefined || typeof call.body === 'string' ? call.body : JSON.stringify(call.body);
    try {
      const response = await fetch(url, {
        method: call.method,
        headers: {
          accept: 'application/json, application/problem+json',
          ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': call.contentType ?? 'application/json' }),
        },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      return { answer: response, text: await response.text() };
    } catch (error) {
      return { error };
    }
  }

  private urlOf({ path, query = {} }: HttpCall): string {
    const params = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined));
    const search = params.toString();
    return `${this.base}${path}${search ? `?${search}` : ''}`;
  }
}

function problemOf(text: string): Problem | string {
  try {
    return JSON.parse(text) as Problem;
  } catch {
    return text;
  }
}

// A 429 or a 5xx may pass; any other 4xx is the request's fault.
const isTransient = (status: number): boolean => status === 429 || status >= 500;

// fetch puts the socket's error in `cause`.
const causeOf = (error: unknown): unknown => (error as { cause?: unknown })?.cause;

// A refused connection or a 429 means the server did nothing with the request.
const surelyNotTaken = (outcome: Outcome): boolean =>
  'answer' in outcome ? outcome.answer.status === 429 : (causeOf(outcome.error) as { code?: unknown })?.code === 'ECONNREFUSED';

function describe(outcome: Outcome): string {
  if ('answer' in outcome) return `answered ${outcome.answer.status}${describeProblem(problemOf(outcome.text))}`;
  const reason = causeOf(outcome.error) ?? outcome.error;
  return `got no answer (${reason instanceof Error ? reason.message : String(reason)})`;
}

import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Agent, errors, type Dispatcher } from 'undici';
import { type TransportError, DEFAULT_DELIVERY_TIMEOUT_MS, parseUrl } from '@hookbus/delivery-sdk';
import type { EgressAllowList } from '@hookbus/egress';
import { EgressPolicy } from './egress-policy';
import { guardedConnector, type HostResolver } from './guarded-connector';
import { memoized } from './memoized';
import { ResponseCollector } from './response-collector';
import type { SendFailure, SendRequest, SendResult } from './send-result';
import { isInvalidRequestError, transportErrorCode } from './transport-error';

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024;

export interface HttpSenderOptions {
  /** `HOOKBUS_EGRESS_ALLOW`, parsed at boot; none when absent. */
  readonly egressAllow?: EgressAllowList;
  /** Most sockets kept open to one origin. */
  readonly connectionsPerOrigin?: number;
  readonly timeoutMs?: number;
  readonly connectTimeoutMs?: number;
  readonly maxBodyBytes?: number;
  readonly keepAliveTimeoutMs?: number;
  /** Replaces the system resolver (tests). */
  readonly resolve?: HostResolver;
}

/**
 * Sends one webhook attempt over pooled keep-alive connections and reports what happened, never
 * throwing for a network outcome (only for a request that could never be sent: a non-http(s) URL,
 * a header value with a line break). Every socket goes through the egress guard; redirects are
 * answers, not followed; at most `maxBodyBytes` of the response are read.
 */
export class HttpSender {
  private readonly agent: Agent;
  private readonly timeoutMs: number;
  private readonly maxBodyBytes: number;
  /** An endpoint's URL repeats on every attempt, and WHATWG parsing is not free. */
  private readonly target = memoized(parseTarget);

  constructor(options: HttpSenderOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_DELIVERY_TIMEOUT_MS;
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.agent = new Agent({
      connect: guardedConnector({
        policy: new EgressPolicy(options.egressAllow),
        resolve: options.resolve,
        connectTimeoutMs: options.connectTimeoutMs,
      }),
      connections: options.connectionsPerOrigin ?? 16,
      // A webhook POST is not idempotent: never queue one behind another on the same socket.
      pipelining: 1,
      keepAliveTimeout: options.keepAliveTimeoutMs ?? 10_000,
      keepAliveMaxTimeout: 60_000,
    });
  }

  async send(request: SendRequest): Promise<SendResult> {
    const started = performance.now();
    const { origin, path } = this.target(request.url);
    const method = request.method.toUpperCase() as Dispatcher.HttpMethod;
    // As agent.request() refuses it: CONNECT would turn the socket into a tunnel.
    if (method === 'CONNECT') throw new errors.InvalidArgumentError('invalid method');

    const timeoutMs = request.timeoutMs ?? this.timeoutMs;
    const response = new ResponseCollector(request.maxBodyBytes ?? this.maxBodyBytes);
    // One timer for connect + headers + body; the collector aborts the request when it fires.
    const timer = setTimeout(() => response.timeOut(), timeoutMs);
    try {
      // undici reports every failure, a request it refuses to send included, to the collector's onError.
      this.agent.dispatch(
        {
          origin,
          path,
          method,
          headers: withUserAgent(request.headers),
          // An empty body is no body: undici then sends content-length 0 only where a payload is expected.
          body: request.body || undefined,
        },
        response,
      );
    } catch (error) {
      response.onError(error instanceof Error ? error : new Error(String(error)));
    }
    await response.settled;
    clearTimeout(timer);

    const { error } = response;
    if (error === undefined) {
      // undici marks the socket free a tick after the response ends; without this turn a caller sending
      // right away would find it busy and open a second connection to the same origin.
      await nextTurn();
      return {
        kind: 'response',
        status: response.status,
        headers: response.headers,
        body: response.body,
        truncated: response.truncated,
        durationMs: elapsedSince(started),
      };
    }
    if (response.timedOut) return failure('timeout', `no complete response within ${timeoutMs} ms`, elapsedSince(started));
    if (isInvalidRequestError(error)) throw error;
    return failure(transportErrorCode(error), error.message, elapsedSince(started));
  }

  /** Closes idle connections and waits for the ones in use. */
  async close(): Promise<void> {
    await this.agent.close();
  }
}

interface Target {
  readonly origin: string;
  readonly path: string;
}

function parseTarget(text: string): Target {
  const url = parseUrl(text);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new TypeError(`HttpSender: not an absolute http(s) URL: ${text}`);
  }
  return { origin: url.origin, path: `${url.pathname}${url.search}` };
}

function elapsedSince(started: number): number {
  return Math.round(performance.now() - started);
}

function failure(error: TransportError, message: string, durationMs: number): SendFailure {
  return { kind: 'error', error, message, durationMs };
}

/** The caller's headers as undici's flat name/value list, with the default user-agent unless one is set (any case). */
function withUserAgent(headers: Readonly<Record<string, string>> = {}): string[] {
  const list: string[] = [];
  let named = false;
  for (const name of Object.keys(headers)) {
    if (name.toLowerCase() === 'user-agent') named = true;
    list.push(name, headers[name]);
  }
  if (!named) list.push('user-agent', 'hookbus-webhooks/1');
  return list;
}

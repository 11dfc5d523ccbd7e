import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Agent, type Dispatcher } from 'undici';
import type { TransportError } from '../delivery-outcome';
import { DEFAULT_DELIVERY_TIMEOUT_MS } from '../deliverable-plugin';
import { parseUrl } from '../egress-allow';
import { readCappedBody } from './capped-body';
import { EgressPolicy } from './egress-policy';
import { guardedConnector, type HostResolver } from './guarded-connector';
import type { SendFailure, SendRequest, SendResult } from './send-result';
import { isInvalidRequestError, transportErrorCode } from './transport-error';

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024;

export interface HttpSenderOptions {
  /** `HOOKBUS_EGRESS_ALLOW` entries: host names, `host:port`, IPs, `ip:port` or CIDRs. */
  readonly egressAllow?: readonly string[];
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
    const elapsed = () => Math.round(performance.now() - started);
    const url = parseUrl(request.url);
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new TypeError(`HttpSender: not an absolute http(s) URL: ${request.url}`);
    }

    const timeoutMs = request.timeoutMs ?? this.timeoutMs;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await this.agent.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: request.method.toUpperCase() as Dispatcher.HttpMethod,
        headers: withUserAgent(request.headers ?? {}),
        // An empty body is no body: undici then sends content-length 0 only where a payload is expected.
        body: request.body || undefined,
        signal: controller.signal,
      });
      const body = await readCappedBody(response.body, request.maxBodyBytes ?? this.maxBodyBytes);
      // undici marks the socket free a tick after the body ends; without this turn a caller sending
      // right away would find it busy and open a second connection to the same origin.
      await nextTurn();
      return {
        kind: 'response',
        status: response.statusCode,
        headers: flattenHeaders(response.headers),
        body: body.text,
        truncated: body.truncated,
        durationMs: elapsed(),
      };
    } catch (error) {
      if (controller.signal.aborted) return failure('timeout', `no complete response within ${timeoutMs} ms`, elapsed());
      if (isInvalidRequestError(error)) throw error;
      return failure(transportErrorCode(error), error instanceof Error ? error.message : String(error), elapsed());
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes idle connections and waits for the ones in use. */
  async close(): Promise<void> {
    await this.agent.close();
  }
}

function failure(error: TransportError, message: string, durationMs: number): SendFailure {
  return { kind: 'error', error, message, durationMs };
}

function withUserAgent(headers: Readonly<Record<string, string>>): Record<string, string> {
  const named = Object.keys(headers).some((name) => name.toLowerCase() === 'user-agent');
  return named ? { ...headers } : { ...headers, 'user-agent': 'hookbus-webhooks/1' };
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

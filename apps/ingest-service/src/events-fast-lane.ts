import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { bearerToken, PROBLEM_CONTENT_TYPE } from '@hookbus/platform';
import { type AcceptedEvent, acceptEvents } from './accepted-events';
import { ApiKeyView } from './auth/api-key-view';
import { EventPublisher } from './event-publisher';

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

/** The largest request body the service reads, in bytes (INGEST_BODY_LIMIT). */
export const BODY_LIMIT_BYTES = Symbol('BODY_LIMIT_BYTES');

// Structured mode in UTF-8, the JSON body-parser would read (it answers 415 to another charset).
const STRUCTURED = /^application\/(cloudevents\+)?json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;
// body-parser reads only an object or array as JSON (strict); anything else is its to refuse.
const STARTS_AS_OBJECT = /^[\t\n\r ]*\{/;

/**
 * `POST /v1/events` of one structured event, answered from Node's HTTP server ahead of Express and
 * Nest: most producers post each event alone, and that stack costs several times the work of the
 * request itself (tools/bench/scale/single-events.mjs measures both). The lane answers only what it accepts. A request it cannot
 * vouch for before reading the body (another route, no live producer key, binary mode, another
 * content type, no Content-Length, an encoded or oversize body) or refuses once read (not a JSON
 * object, invalid, another tenant's, too large) goes on to Express with its body as it came, so
 * every refusal is EventsController's own answer.
 */
@Injectable()
export class EventsFastLane implements OnApplicationBootstrap {
  private readonly logger = new Logger(EventsFastLane.name);

  constructor(
    @Inject(ApiKeyView) private readonly keys: ApiKeyView,
    @Inject(EventPublisher) private readonly publisher: EventPublisher,
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    @Inject(BODY_LIMIT_BYTES) private readonly bodyLimit: number,
  ) {}

  onApplicationBootstrap(): void {
    // Absent where the module is compiled without an HTTP server (a testing module).
    const server: Server | undefined = this.adapterHost.httpAdapter?.getHttpServer();
    if (server) this.install(server);
  }

  /** Puts the lane in front of the server's request listeners (Express). */
  install(server: Server): void {
    const listeners = server.listeners('request') as RequestListener[];
    server.removeAllListeners('request');
    const passOn: RequestListener = (request, response) => listeners.forEach((listener) => listener.call(server, request, response));
    server.on('request', (request: IncomingMessage, response: ServerResponse) => this.handle(request, response, passOn));
  }

  private handle(request: IncomingMessage, response: ServerResponse, passOn: RequestListener): void {
    const tenantId = this.tenantOf(request);
    const length = Number(request.headers['content-length']);
    if (tenantId === undefined || !(length > 0 && length <= this.bodyLimit)) return passOn(request, response);
    const chunks: Buffer[] = [];
    let received = 0;
    // Decides in the same tick as the last read: the body can still be put back before 'end'.
    const onReadable = () => {
      for (let chunk: Buffer | null = request.read(); chunk !== null; chunk = request.read()) {
        chunks.push(chunk);
        received += chunk.length;
      }
      if (received < length) return;
      request.off('readable', onReadable);
      const body = Buffer.concat(chunks, received);
      const events = this.accepted(body, tenantId);
      if (events) return void this.publish(events, request, response);
      request.unshift(body);
      passOn(request, response);
    };
    request.on('readable', onReadable);
  }

  /** The producer's tenant when the request is one the lane may take, before its body is read. */
  private tenantOf({ method, url, headers }: IncomingMessage): string | undefined {
    if (method !== 'POST' || url !== '/v1/events' || !this.keys.isCaughtUp) return undefined;
    if (headers['ce-specversion'] !== undefined || headers['content-encoding'] !== undefined || headers['transfer-encoding'] !== undefined) return undefined;
    if (!STRUCTURED.test(headers['content-type'] ?? '')) return undefined;
    const checked = this.keys.check(bearerToken(headers.authorization));
    return checked.ok ? checked.producer.tenantId : undefined;
  }

  private accepted(body: Buffer, tenantId: string): AcceptedEvent[] | undefined {
    const text = body.toString('utf8');
    if (!STARTS_AS_OBJECT.test(text)) return undefined;
    try {
      return acceptEvents([JSON.parse(text)], tenantId, false);
    } catch {
      return undefined;
    }
  }

  private async publish(events: readonly AcceptedEvent[], request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      await this.publisher.publish(events, request.headers);
      answer(response, 202, 'application/json', { ids: events.map(({ event }) => event.id) });
    } catch (error) {
      // As ProblemFilter answers an unexpected error: logged, not leaked.
      this.logger.error(error);
      answer(response, 500, PROBLEM_CONTENT_TYPE, { type: 'about:blank', status: 500, title: 'Internal Server Error' });
    }
  }
}

function answer(response: ServerResponse, status: number, type: string, document: unknown): void {
  const body = JSON.stringify(document);
  response.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

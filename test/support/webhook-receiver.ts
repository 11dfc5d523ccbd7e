import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as it arrived: the raw body bytes, so signatures can be checked over them. */
export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** Date.now() when the body had arrived, for latency measurements. */
  readonly receivedAt: number;
}

/**
 * How the receiver answers; `destroy` drops the connection without any answer, `hold` keeps it
 * open unanswered (a hanging endpoint); `delayMs` answers late.
 */
export type Reply = { status: number; body?: string; headers?: Record<string, string>; delayMs?: number } | 'destroy' | 'hold';

/** A real loopback HTTP endpoint that records every request and answers as told. */
export class WebhookReceiver {
  readonly requests: ReceivedRequest[] = [];
  private reply: (request: ReceivedRequest) => Reply = () => ({ status: 200, body: '' });
  private sent?: (request: ReceivedRequest, reply: Exclude<Reply, 'destroy' | 'hold'>) => void;

  private constructor(private readonly server: Server) {}

  /** Starts a receiver on `port` of 127.0.0.1 (a free one by default). */
  static async start(port = 0): Promise<WebhookReceiver> {
    const receiver: WebhookReceiver = new WebhookReceiver(
      createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), receivedAt: Date.now() };
          receiver.requests.push(request);
          const reply = receiver.reply(request);
          if (reply === 'destroy') return void req.socket.destroy();
          if (reply === 'hold') return;
          const send = () => {
            res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
            res.end(reply.body ?? '', () => receiver.sent?.(request, reply));
          };
          if (reply.delayMs) setTimeout(send, reply.delayMs);
          else send();
        });
      }),
    );
    await new Promise<void>((resolve) => receiver.server.listen(port, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Answers every later request with `reply` (or what it computes per request). */
  answer(reply: Reply | ((request: ReceivedRequest) => Reply)): void {
    this.reply = typeof reply === 'function' ? reply : () => reply;
  }

  /** Calls `listener` with each answer once it has been handed to the connection (not for one cut off before). */
  onSent(listener: (request: ReceivedRequest, reply: Exclude<Reply, 'destroy' | 'hold'>) => void): void {
    this.sent = listener;
  }

  /** Requests whose path starts with `path`. */
  at(path: string): ReceivedRequest[] {
    return this.requests.filter((request) => request.url.startsWith(path));
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

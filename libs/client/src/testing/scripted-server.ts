import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** An answer, or `destroy` to drop the connection unanswered, or `hold` to never answer. */
export type ScriptedReply = { status: number; body?: unknown; headers?: Record<string, string> } | 'destroy' | 'hold';

/** A real HTTP server on 127.0.0.1 that records each request and answers the next reply of its script. */
export class ScriptedServer {
  readonly requests: RecordedRequest[] = [];
  private script: ScriptedReply[] = [];

  private constructor(
    private readonly server: Server,
    private readonly otherwise: ScriptedReply,
  ) {}

  /** Answers `replies` in order, then `otherwise` (202 `{ids:[]}` by default) to every later request. */
  static async start(otherwise: ScriptedReply = { status: 202, body: { ids: [] } }): Promise<ScriptedServer> {
    const scripted: ScriptedServer = new ScriptedServer(
      createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          scripted.requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
          const reply = scripted.script.shift() ?? scripted.otherwise;
          if (reply === 'destroy') return void request.socket.destroy();
          if (reply === 'hold') return;
          const body = reply.body === undefined ? '' : JSON.stringify(reply.body);
          response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers }).end(body);
        });
      }),
      otherwise,
    );
    await new Promise<void>((resolve) => scripted.server.listen(0, '127.0.0.1', resolve));
    return scripted;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The next requests get these replies, in order. */
  answer(...replies: ScriptedReply[]): void {
    this.script = replies;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** A port nothing listens on: one the OS just gave out and took back. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Retry options that record each wait and never sleep. */
export function recordedWaits(options: { attempts?: number; random?: () => number } = {}) {
  const waits: number[] = [];
  return { waits, retry: { attempts: options.attempts ?? 5, random: options.random ?? (() => 0), sleep: async (ms: number) => void waits.push(ms) } };
}

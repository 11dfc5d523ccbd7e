import { StringDecoder } from 'node:string_decoder';
import { util, type Dispatcher } from 'undici';

/**
 * An undici dispatch handler (the low-level `Dispatcher.dispatch` API, as undici's own
 * `RequestHandler` implements it) that gathers one response in memory: status, headers and at most
 * `maxBodyBytes` of the body. Past the cap it aborts the request, which destroys the socket, so the
 * rest is never read. `settled` resolves once, when the outcome is known: then either `error` is
 * set or the response fields are final.
 */
export class ResponseCollector implements Dispatcher.DispatchHandler {
  readonly settled: Promise<void>;
  status = 0;
  /** Lower-case names; repeated headers joined with `, `. */
  headers: Record<string, string> = {};
  body = '';
  /** The receiver sent more than the cap; the rest was never read. */
  truncated = false;
  /** Why no complete response came (the request failed, or `timeOut` aborted it). */
  error: Error | undefined = undefined;
  timedOut = false;

  private readonly maxBodyBytes: number;
  private resolve!: () => void;
  private abort: ((reason?: Error) => void) | null = null;
  private done = false;
  private chunks: Buffer[] = [];
  private size = 0;

  constructor(maxBodyBytes: number) {
    this.maxBodyBytes = maxBodyBytes;
    this.settled = new Promise<void>((resolve) => (this.resolve = resolve));
  }

  /**
   * The deadline passed: aborts the request (now, or as soon as undici hands it a socket), which ends
   * in `onError`. An outcome already known stands.
   */
  timeOut(): void {
    if (this.done || this.timedOut) return;
    this.timedOut = true;
    this.abort?.();
  }

  onConnect(abort: (reason?: Error) => void): void {
    if (this.timedOut) {
      abort();
      return;
    }
    this.abort = abort;
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[]): boolean {
    // 1xx (100 Continue, 103 Early Hints) are interim: the final answer follows on the same request.
    if (statusCode < 200) return true;
    this.status = statusCode;
    this.headers = flattenRawHeaders(rawHeaders);
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.done) return false;
    if (this.size + chunk.length > this.maxBodyBytes) {
      this.chunks.push(chunk.subarray(0, this.maxBodyBytes - this.size));
      // write() without end() drops a multi-byte character cut in half by the cap.
      this.body = new StringDecoder('utf8').write(concat(this.chunks));
      this.truncated = true;
      this.settle();
      // Ends in onError, ignored now that the outcome is settled.
      this.abort?.();
      return false;
    }
    this.chunks.push(chunk);
    this.size += chunk.length;
    return true;
  }

  onComplete(): void {
    if (this.done) return;
    this.body = concat(this.chunks).toString('utf8');
    this.settle();
  }

  onError(error: Error): void {
    if (this.done) return;
    this.error = error;
    this.settle();
  }

  private settle(): void {
    this.done = true;
    this.chunks = [];
    this.resolve();
  }
}

function concat(chunks: Buffer[]): Buffer {
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
}

/** Raw header pairs as undici's parser hands them over (Buffers, or strings), decoded as latin1 like undici's own parseHeaders. */
function flattenRawHeaders(raw: readonly (Buffer | string)[]): Record<string, string> {
  const flat: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = util.headerNameToString(raw[i]);
    const field = raw[i + 1];
    const value = typeof field === 'string' ? field : field.toString('latin1');
    flat[name] = Object.hasOwn(flat, name) ? `${flat[name]}, ${value}` : value;
  }
  return flat;
}

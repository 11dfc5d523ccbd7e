import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

export interface CappedBody {
  readonly text: string;
  /** The receiver sent more than the cap; the rest was never read. */
  readonly truncated: boolean;
}

/** Reads at most `maxBytes` of a response body as UTF-8, then destroys the stream (and its socket). */
export async function readCappedBody(body: Readable, maxBytes: number): Promise<CappedBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    if (size + buffer.length > maxBytes) {
      chunks.push(buffer.subarray(0, maxBytes - size));
      body.destroy();
      // write() without end() drops a multi-byte character cut in half by the cap.
      return { text: new StringDecoder('utf8').write(Buffer.concat(chunks)), truncated: true };
    }
    chunks.push(buffer);
    size += buffer.length;
  }
  return { text: Buffer.concat(chunks).toString('utf8'), truncated: false };
}

import type { AddressInfo } from 'node:net';
import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { pollUntil } from '@hookbus/testing';

/** One message the sink accepted: the SMTP envelope and the message parsed back. */
export interface SunkMail {
  /** `MAIL FROM` and `RCPT TO` as the client sent them. */
  readonly envelope: { readonly from: string; readonly to: readonly string[] };
  readonly messageId?: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** The `To:` addresses of the header. */
  readonly to: readonly string[];
  readonly parsed: ParsedMail;
  readonly raw: Buffer;
}

/**
 * A real SMTP server on 127.0.0.1 (random port) that keeps every message, for tests of anything
 * that sends mail. Plain SMTP, no TLS, no auth: point `SMTP_URL` at `sink.url`.
 *
 * ```ts
 * const sink = await SmtpSink.start();
 * // … run the code with SMTP_URL=sink.url …
 * const [mail] = await sink.waitFor(1, (m) => m.envelope.to.includes('ops@example.com'));
 * await sink.stop();
 * ```
 */
export class SmtpSink {
  /** Every message accepted so far, in arrival order. */
  readonly messages: SunkMail[] = [];

  private readonly server: SMTPServer;
  private port = 0;

  private constructor() {
    this.server = new SMTPServer({
      // Without STARTTLS on offer, clients send in the clear instead of failing on a self-signed cert.
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      logger: false,
      // Stopping ends open sessions soon (a client's pooled connection would hold it 30 s).
      closeTimeout: 1_000,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', callback);
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          const envelope = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map(({ address }) => address),
          };
          // The client hears "250 OK" only once the message is parsed and kept.
          simpleParser(raw).then(
            (parsed) => {
              this.messages.push({
                envelope,
                messageId: parsed.messageId,
                subject: parsed.subject ?? '',
                text: parsed.text ?? '',
                html: typeof parsed.html === 'string' ? parsed.html : '',
                to: addresses(parsed.to),
                parsed,
                raw,
              });
              callback();
            },
            (error: Error) => callback(error),
          );
        });
      },
    });
  }

  /** Starts a sink on `port` of 127.0.0.1 (a free one by default). */
  static async start(port = 0): Promise<SmtpSink> {
    const sink = new SmtpSink();
    await new Promise<void>((resolve, reject) => {
      sink.server.once('error', reject);
      sink.server.listen(port, '127.0.0.1', () => resolve());
    });
    sink.port = (sink.server.server.address() as AddressInfo).port;
    return sink;
  }

  /** `smtp://127.0.0.1:<port>`, for `SMTP_URL`. */
  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** The messages matching `filter` (all by default) once there are at least `count` of them. */
  waitFor(count: number, filter: (mail: SunkMail) => boolean = () => true, timeoutMs = 30_000): Promise<SunkMail[]> {
    return pollUntil(
      `the SMTP sink holds ${count} matching message(s)`,
      () => {
        const matching = this.messages.filter(filter);
        return matching.length >= count && matching;
      },
      { timeoutMs },
    );
  }

  /** Messages sent to `address` (envelope recipients). */
  to(address: string): SunkMail[] {
    return this.messages.filter((mail) => mail.envelope.to.includes(address));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const addresses = (field: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((group) => group.value.map(({ address }) => address ?? ''));

import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createTransport, type Transporter } from 'nodemailer';
import { type MailSender, nodemailerMessage, type OutgoingMail } from './mail-sender';

/**
 * Writes each mail as an RFC 822 `.eml` file into a directory instead of sending it (the local
 * default when no SMTP server is configured). The file is named after the Message-ID, so a mail
 * written again replaces itself, and it appears atomically (written aside, then renamed).
 */
export class OutboxMailSender implements MailSender {
  readonly description: string;
  private readonly transport: Transporter;

  constructor(private readonly directory: string) {
    this.description = `outbox:${directory}`;
    this.transport = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  /** The file a mail with this Message-ID is written to. */
  fileFor(messageId: string): string {
    const name = createHash('sha256').update(messageId).digest('hex').slice(0, 32);
    return path.join(this.directory, `${name}.eml`);
  }

  async send(mail: OutgoingMail): Promise<void> {
    const info = await this.transport.sendMail(nodemailerMessage(mail));
    const file = this.fileFor(mail.messageId);
    await mkdir(this.directory, { recursive: true, mode: 0o700 });
    const partial = `${file}.${process.pid}.tmp`;
    await writeFile(partial, info.message as Buffer);
    await rename(partial, file);
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}

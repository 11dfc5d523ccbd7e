import { createTransport, type Transporter } from 'nodemailer';
import { type MailSender, nodemailerMessage, type OutgoingMail } from './mail-sender';

/**
 * The SMTP server refused the message for good (5xx): sending it again cannot succeed. Marked
 * `retriable: false`, so a consumer sets it aside at once instead of waiting for it to pass.
 */
export class MailRejectedError extends Error {
  readonly retriable = false;

  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'MailRejectedError';
  }
}

/** Sends through an SMTP server given as a URL: `smtp://user:pass@host:587`, `smtps://host:465`. */
export class SmtpMailSender implements MailSender {
  readonly description: string;
  private readonly transport: Transporter;

  constructor(url: string) {
    const parsed = new URL(url);
    this.description = `${parsed.protocol}//${parsed.host}`;
    this.transport = createTransport(url);
  }

  async send(mail: OutgoingMail): Promise<void> {
    const info = await this.transport.sendMail(nodemailerMessage(mail)).catch((error: unknown) => {
      // 5xx is the server's final word on this message; anything else (4xx, no connection) may pass later.
      const code = (error as { responseCode?: unknown }).responseCode;
      throw typeof code === 'number' && code >= 500 ? new MailRejectedError(`the SMTP server rejected the message: ${String(error)}`, error) : error;
    });
    // A server that took the message but refused every recipient has delivered nothing.
    if ((info.accepted ?? []).length === 0) throw new MailRejectedError(`the SMTP server refused every recipient: ${info.response}`);
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}

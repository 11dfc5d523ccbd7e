import { createTransport, type Transporter } from 'nodemailer';
import { type MailSender, nodemailerMessage, type OutgoingMail } from './mail-sender';

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
    const info = await this.transport.sendMail(nodemailerMessage(mail));
    // A server that took the message but refused every recipient has delivered nothing.
    if ((info.accepted ?? []).length === 0) throw new Error(`the SMTP server refused every recipient: ${info.response}`);
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}

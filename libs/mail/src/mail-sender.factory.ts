import type { MailSender } from './mail-sender';
import { OutboxMailSender } from './outbox-mail.sender';
import { SmtpMailSender } from './smtp-mail.sender';

export interface MailSenderOptions {
  /** `smtp://…` or `smtps://…`; without it mail goes to the outbox directory. */
  readonly smtpUrl?: string;
  readonly outboxDir: string;
}

/** SMTP when a server is configured, `.eml` files otherwise (DESIGN: `SMTP_URL`, default `.data/outbox/`). */
export function createMailSender({ smtpUrl, outboxDir }: MailSenderOptions): MailSender {
  return smtpUrl ? new SmtpMailSender(smtpUrl) : new OutboxMailSender(outboxDir);
}

/** An e-mail ready to go: addresses, the rendered parts and a Message-ID chosen by the caller. */
export interface OutgoingMail {
  readonly from: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /**
   * `<local@domain>`. Callers derive it from what the mail is about, so a mail sent again after a
   * crash carries the same id and mail clients and servers can fold the two into one.
   */
  readonly messageId: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * How mail leaves the process (strategy): SMTP in production, `.eml` files locally or in tests that
 * want no server. `send` resolves once the mail has been handed over (accepted by the SMTP server or
 * written to disk); it rejects otherwise, so the caller can retry.
 */
export interface MailSender {
  /** For logs: `smtp://host:port` or `outbox:<dir>`. */
  readonly description: string;
  send(mail: OutgoingMail): Promise<void>;
  close(): Promise<void>;
}

/** The nodemailer message fields of an OutgoingMail. */
export const nodemailerMessage = (mail: OutgoingMail) => ({
  from: mail.from,
  to: [...mail.to],
  subject: mail.subject,
  text: mail.text,
  html: mail.html,
  messageId: mail.messageId,
  headers: { ...mail.headers },
});

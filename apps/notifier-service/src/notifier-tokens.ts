/** The MailSender strategy (SMTP or outbox). */
export const MAIL_SENDER = Symbol('MAIL_SENDER');

/** The StormPolicy and digest settings from the environment. */
export const STORM_SETTINGS = Symbol('STORM_SETTINGS');

export interface StormSettings {
  readonly maxPerWindow: number;
  readonly windowSeconds: number;
  readonly digestItems: number;
  readonly digestPollMs: number;
}

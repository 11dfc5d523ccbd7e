import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { MailSender } from '@hookbus/mail';
import { NotificationMails } from '../mail/notification-mails';
import { digestsSent, mailsSent } from '../notifier-metrics';
import { MAIL_SENDER, STORM_SETTINGS, type StormSettings } from '../notifier-tokens';
import { DigestLedger } from './digest-ledger';

/**
 * Sends the digest of every storm window that has ended. A poll loop rather than a timer per window:
 * windows survive restarts in the database, and any instance may send any digest (DigestLedger
 * hands each window to exactly one of them).
 */
@Injectable()
export class DigestScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DigestScheduler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(DigestLedger) private readonly ledger: DigestLedger,
    @Inject(NotificationMails) private readonly mails: NotificationMails,
    @Inject(MAIL_SENDER) private readonly sender: MailSender,
    @Inject(STORM_SETTINGS) private readonly settings: StormSettings,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      // One pass at a time: a slow SMTP server must not pile passes up.
      this.running ??= this.sendDue().finally(() => (this.running = undefined));
    }, this.settings.digestPollMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    await this.sender.close();
  }

  /** One pass: claims the due windows and sends their digests. */
  async sendDue(now = new Date()): Promise<void> {
    let due;
    try {
      due = await this.ledger.claimDue(now, this.settings.digestItems);
    } catch (error) {
      this.logger.warn({ message: 'could not look for due digests; trying again at the next poll', reason: String(error) });
      return;
    }
    for (const digest of due) {
      const about = { window: digest.window.id, subscriptionId: digest.window.subscriptionId, suppressed: digest.window.suppressedCount };
      try {
        const mail = this.mails.forDigest(digest);
        if (mail.to.length > 0) await this.sender.send(mail);
        await this.ledger.markDigested(digest.window.id, new Date());
        mailsSent.inc({ kind: 'digest' });
        digestsSent.inc();
        this.logger.log({ message: 'storm digest e-mailed', ...about });
      } catch (error) {
        // Given back at once, so the next poll retries; a crash instead leaves it to the lease.
        this.logger.warn({ message: 'storm digest not sent; retrying at the next poll', ...about, reason: String(error) });
        await this.ledger.release(digest.window.id).catch(() => undefined);
      }
    }
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import type { NotificationRecordV1 } from '@hookbus/contracts';
import type { MailSender } from '@hookbus/mail';
import { NotificationMails } from '../mail/notification-mails';
import { mailsSent, notificationsSkipped, notificationsSuppressed } from '../notifier-metrics';
import { MAIL_SENDER, STORM_SETTINGS, type StormSettings } from '../notifier-tokens';
import { NotificationLedger } from './notification-ledger';

/**
 * One notification → at most one e-mail. Resolves only once the e-mail was handed over and recorded
 * (or the notification needed none), so the consumer commits the offset only then; any failure
 * rejects and the message is retried.
 */
@Injectable()
export class NotificationHandler {
  private readonly logger = new Logger(NotificationHandler.name);

  constructor(
    @Inject(NotificationLedger) private readonly ledger: NotificationLedger,
    @Inject(NotificationMails) private readonly mails: NotificationMails,
    @Inject(MAIL_SENDER) private readonly sender: MailSender,
    @Inject(STORM_SETTINGS) private readonly settings: StormSettings,
  ) {}

  async handle(record: NotificationRecordV1): Promise<void> {
    const about = { id: record.id, type: record.type, subscriptionId: record.subscriptionId };
    if (record.recipients.length === 0) {
      // Nobody to tell (postback channels have no addresses): nothing is stored either.
      notificationsSkipped.inc({ reason: 'no_recipients' });
      this.logger.debug({ message: 'notification has no recipients', ...about });
      return;
    }
    // Rendered before anything is recorded: a template bug must not leave a claimed row behind.
    const mail = this.mails.forNotification(record);
    const claim = await this.ledger.claim(record, this.settings, new Date());
    if (claim === 'duplicate') {
      notificationsSkipped.inc({ reason: 'duplicate' });
      this.logger.log({ message: 'notification already handled', ...about });
      return;
    }
    if (claim === 'suppressed') {
      notificationsSuppressed.inc();
      this.logger.log({ message: 'notification suppressed by the storm rule; it goes into the digest', ...about });
      return;
    }
    await this.sender.send(mail);
    await this.ledger.markSent(record.id, new Date());
    mailsSent.inc({ kind: 'notification' });
    this.logger.log({ message: claim === 'resend' ? 'notification e-mailed again after an unconfirmed send' : 'notification e-mailed', ...about, recipients: mail.to.length });
  }
}

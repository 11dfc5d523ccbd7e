import type { MailSender, OutgoingMail } from '@hookbus/mail';
import { mailSendFailures } from '../notifier-metrics';

/** A mail sender that counts every e-mail it failed to hand over, notification or digest alike, then fails as the sender did. */
export function countingSendFailures(sender: MailSender): MailSender {
  return {
    description: sender.description,
    send: async (mail: OutgoingMail) => {
      try {
        await sender.send(mail);
      } catch (error) {
        mailSendFailures.inc();
        throw error;
      }
    },
    close: () => sender.close(),
  };
}

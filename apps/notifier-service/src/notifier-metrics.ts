import { counter } from '@hookbus/platform';

/** E-mails handed to the mail server (or outbox), by kind: `notification` or `digest`. */
export const mailsSent = counter({ name: 'hookbus_notifier_emails_sent_total', help: 'E-mails sent', labelNames: ['kind'] });

/** E-mails not handed over; each is tried again (the consumer, the next digest poll) unless rejected for good. */
export const mailSendFailures = counter({
  name: 'hookbus_notifier_email_send_failures_total',
  help: 'E-mails the mail server refused or did not answer; each is tried again, unless rejected for good (5xx) and quarantined',
});

/** Notifications held back by the storm rule (each is listed in a digest later). */
export const notificationsSuppressed = counter({
  name: 'hookbus_notifier_notifications_suppressed_total',
  help: 'Notifications suppressed by the storm rule',
});

export const digestsSent = counter({ name: 'hookbus_notifier_digests_sent_total', help: 'Storm digests sent' });

/** Notifications that caused no e-mail: `no_recipients` or `duplicate` (already handled). */
export const notificationsSkipped = counter({
  name: 'hookbus_notifier_notifications_skipped_total',
  help: 'Notifications that needed no e-mail',
  labelNames: ['reason'],
});

/** Ledger rows and closed storm windows deleted by retention. */
export const ledgerPruned = counter({ name: 'hookbus_notifier_ledger_pruned_total', help: 'Notification ledger rows and closed windows deleted by retention' });

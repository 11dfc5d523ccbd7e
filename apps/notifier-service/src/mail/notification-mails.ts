import type { NotificationRecordV1 } from '@hookbus/contracts';
import { MailTemplates, messageIdFor, type OutgoingMail } from '@hookbus/mail';
import type { DueDigest } from '../storm/digest-ledger';
import { digestContext, notificationContext } from './mail-context';

export interface MailSettings {
  /** `From:`, e.g. `hookbus <notifications@example.com>`. */
  readonly from: string;
  /** The console (ends with `/`): e-mails link to a delivery's page there. */
  readonly consoleUrl: string;
}

export const GENERIC_TEMPLATE = 'generic';
export const DISABLED_TEMPLATE = 'subscription-disabled';
export const DIGEST_TEMPLATE = 'digest';

/** Turns notifications and digests into e-mails: picks the template, renders it, names the message. */
export class NotificationMails {
  private readonly domain: string;

  constructor(
    private readonly templates: MailTemplates,
    private readonly settings: MailSettings,
  ) {
    // Message-IDs live under the sender's domain, as RFC 5322 recommends.
    this.domain = /@([^>\s]+)>?\s*$/.exec(settings.from)?.[1] ?? 'hookbus.local';
    for (const required of [GENERIC_TEMPLATE, DISABLED_TEMPLATE, DIGEST_TEMPLATE]) {
      if (!templates.has(required)) throw new Error(`the mail templates lack ${required}.hbs`);
    }
  }

  /** One template per vendor and hook (`komet/order-confirmation`); anything else gets the generic one. */
  templateFor(record: Pick<NotificationRecordV1, 'type' | 'plugin' | 'hook'>): string {
    if (record.type === 'subscription.disabled') return DISABLED_TEMPLATE;
    const specific = `${record.plugin}/${record.hook}`;
    return this.templates.has(specific) ? specific : GENERIC_TEMPLATE;
  }

  forNotification(record: NotificationRecordV1): OutgoingMail {
    const rendered = this.templates.render(this.templateFor(record), notificationContext(record, this.settings.consoleUrl));
    return {
      ...rendered,
      from: this.settings.from,
      to: record.recipients,
      // Derived from the notification id: a re-send after a crash is recognisably the same message.
      messageId: messageIdFor(`notification:${record.id}`, this.domain),
      headers: { 'X-Hookbus-Notification': record.id, 'X-Hookbus-Subscription': record.subscriptionId },
    };
  }

  forDigest(digest: DueDigest): OutgoingMail {
    const rendered = this.templates.render(DIGEST_TEMPLATE, digestContext(digest));
    // The newest record listed knows the subscription's current addresses best.
    const recipients = digest.items.at(-1)?.recipients ?? [];
    return {
      ...rendered,
      from: this.settings.from,
      to: recipients,
      messageId: messageIdFor(`digest:${digest.window.id}`, this.domain),
      headers: { 'X-Hookbus-Digest': digest.window.id, 'X-Hookbus-Subscription': digest.window.subscriptionId },
    };
  }
}

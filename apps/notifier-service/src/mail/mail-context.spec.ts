import path from 'node:path';
import type { NotificationRecordV1 } from '@hookbus/contracts';
import { MailTemplates } from '@hookbus/mail';
import type { NotificationWindow } from '../storm/notification-window.entity';
import { digestContext, notificationContext } from './mail-context';
import { GENERIC_TEMPLATE, NotificationMails } from './notification-mails';

// A vendor the notifier has no template of: only the record says what to call it.
const acme: NotificationRecordV1 = {
  id: 'dlv_acme:2:delivery.failed',
  type: 'delivery.failed',
  tenantId: 'ten_1',
  subscriptionId: 'sub_acme',
  plugin: 'acme-billing',
  hook: 'invoice-paid',
  vendorTitle: 'Acme Billing',
  subjectLabel: 'Invoice',
  url: 'https://books.example.com/hooks',
  recipients: ['ops@example.com'],
  deliveryId: 'dlv_acme',
  subject: 'INV-7',
  attempt: 2,
  httpStatus: 502,
  reason: 'HTTP 502',
  at: '2026-01-01T12:00:00.000Z',
};
const { vendorTitle: _title, subjectLabel: _label, ...older } = acme;

describe('notificationContext', () => {
  it('takes the vendor’s title and the subject’s label from the record', () => {
    expect(notificationContext(acme, 'https://hookbus.example.com/console/')).toMatchObject({ vendor: 'Acme Billing', subjectLabel: 'Invoice' });
  });

  it('falls back to the plugin id and "Subject" for a record written before it carried them', () => {
    expect(notificationContext(older, 'https://hookbus.example.com/console/')).toMatchObject({ vendor: 'acme-billing', subjectLabel: 'Subject' });
  });
});

describe('digestContext', () => {
  const window = { id: 'w', subscriptionId: 'sub_acme', tenantId: 'ten_1', startsAt: new Date(0), endsAt: new Date(1), sentCount: 2, suppressedCount: 1 } as NotificationWindow;

  it('speaks in the words of the first record it summarises', () => {
    expect(digestContext({ window, items: [acme] })).toMatchObject({ vendor: 'Acme Billing', subjectLabel: 'Invoice' });
    expect(digestContext({ window, items: [older] })).toMatchObject({ vendor: 'acme-billing', subjectLabel: 'Subject' });
  });
});

describe('the generic template, for a plugin without templates of its own', () => {
  let mails: NotificationMails;
  beforeAll(async () => {
    const templates = await MailTemplates.load(path.join(__dirname, '..', 'templates'));
    mails = new NotificationMails(templates, { from: 'hookbus <notify@mail.example.com>', consoleUrl: 'https://hookbus.example.com/console/' });
  });

  it('names the vendor by its title and the subject by the hook’s label, in every part', () => {
    expect(mails.templateFor(acme)).toBe(GENERIC_TEMPLATE);
    const mail = mails.forNotification(acme);
    expect(mail.subject).toBe('[hookbus] Acme Billing: invoice paid for INV-7 was not delivered');
    expect(mail.text).toContain('The "invoice paid" notification (Acme Billing) about INV-7 could not be delivered to https://books.example.com/hooks.');
    expect(mail.text).toContain('Invoice: INV-7');
    expect(mail.html).toContain('<th align="left">Invoice</th><td>INV-7</td>');
  });

  it('names the plugin by its id when the record has no title', () => {
    expect(mails.forNotification(older).subject).toBe('[hookbus] acme-billing: invoice paid for INV-7 was not delivered');
  });

  it('says so when a disabled subscription is not one the notifier knows', () => {
    const disabled = mails.forNotification({ ...acme, type: 'subscription.disabled', reason: 'the endpoint answered 410 Gone' });
    expect(disabled.subject).toBe('[hookbus] Acme Billing: your webhook to https://books.example.com/hooks was disabled');
    expect(disabled.text).toContain('hookbus stopped sending "invoice paid" notifications (Acme Billing) to https://books.example.com/hooks');
  });
});

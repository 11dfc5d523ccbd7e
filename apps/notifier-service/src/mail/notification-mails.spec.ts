import path from 'node:path';
import type { NotificationRecordV1 } from '@hookbus/contracts';
import { MailTemplates } from '@hookbus/mail';
import type { NotificationWindow } from '../storm/notification-window.entity';
import { NotificationMails } from './notification-mails';

const record = (overrides: Partial<NotificationRecordV1> = {}): NotificationRecordV1 => ({
  id: 'dlv_abc:1:delivery.failed',
  type: 'delivery.failed',
  tenantId: 'ten_1',
  subscriptionId: 'sub_1',
  plugin: 'komet',
  hook: 'order-confirmation',
  vendorTitle: 'Komet Sales',
  subjectLabel: 'Order',
  url: 'https://erp.example.com/komet/confirm',
  recipients: ['ops@example.com', 'dev@example.com'],
  deliveryId: 'dlv_abc',
  eventId: 'evt_1',
  subject: '6908',
  attempt: 1,
  httpStatus: 200,
  reason: 'rejected by the receiver (status 0)',
  vendorMessage: 'Order 6908 is unknown',
  at: '2026-01-01T12:00:00.000Z',
  ...overrides,
});

describe('NotificationMails with the shipped templates', () => {
  let mails: NotificationMails;
  beforeAll(async () => {
    mails = new NotificationMails(await MailTemplates.load(path.join(__dirname, '..', 'templates')), {
      from: 'hookbus <notify@mail.example.com>',
      consoleUrl: 'https://hookbus.example.com/console/',
    });
  });

  it.each([
    ['komet', 'order-confirmation', 'Komet Sales', 'komet/order-confirmation', /Komet order 6908 was not confirmed/],
    ['komet', 'order-cancellation', 'Komet Sales', 'komet/order-cancellation', /Komet cancellation of order 6908/],
    ['komet', 'payment-cancellation', 'Komet Sales', 'komet/payment-cancellation', /Komet cancellation of payment 6908/],
    ['komerce', 'order-status', 'Komerce', 'komerce/order-status', /Komerce status update for order 6908/],
    ['secutix', 'order-closed', 'SecuTix order webhook V1', 'secutix/order-closed', /SecuTix order 6908 was not delivered/],
    ['postback', 'order.completed', 'Postback notifications', 'generic', /^\[hookbus\] Postback notifications: order completed for 6908 was not delivered$/],
  ])('%s/%s (%s) uses %s and names the subject, endpoint and message in every part, and links to the delivery in the console', (plugin, hook, vendorTitle, template, subjectLine) => {
    const notification = record({ plugin, hook, vendorTitle });
    expect(mails.templateFor(notification)).toBe(template);
    const mail = mails.forNotification(notification);
    expect(mail.subject).toMatch(subjectLine);
    expect(mail.subject).not.toContain('\n');
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('6908');
      expect(part).toContain('https://erp.example.com/komet/confirm');
      expect(part).toContain('Order 6908 is unknown');
      expect(part).toContain('https://hookbus.example.com/console/deliveries/dlv_abc');
      expect(part).not.toContain('/v1/deliveries');
    }
    expect(mail.html).toContain('<a href="https://hookbus.example.com/console/deliveries/dlv_abc">');
    expect(mail.to).toEqual(['ops@example.com', 'dev@example.com']);
    expect(mail.from).toBe('hookbus <notify@mail.example.com>');
  });

  it('tells Komet users to fix the external system, then reconfirm the order in the console', () => {
    const { text } = mails.forNotification(record());
    expect(text).toContain('Reply from the endpoint: Order 6908 is unknown');
    expect(text).toMatch(/1\. Fix the cause in the external system.*\n2\. Then reconfirm the order: open https:\/\/hookbus\.example\.com\/console\/deliveries\/dlv_abc and click Reconfirm\.\n/);
  });

  it.each([
    ['komet', 'order-cancellation', 'click Reconfirm'],
    ['komerce', 'order-status', 'click Retry'],
    ['secutix', 'order-closed', 'click Retry'],
    ['postback', 'order.completed', 'click Retry'],
  ])('names the console action for %s/%s: %s', (plugin, hook, action) => {
    expect(mails.forNotification(record({ plugin, hook })).text).toContain(`open https://hookbus.example.com/console/deliveries/dlv_abc and ${action}`);
  });

  it('tells SecuTix users they can recover every failed order of a period from the Deliveries page', () => {
    const { text } = mails.forNotification(record({ plugin: 'secutix', hook: 'order-closed' }));
    expect(text).toContain('recover them from the Deliveries page of the console');
  });

  it('without a vendor message, shows the reason and the HTTP status', () => {
    const { text, html } = mails.forNotification(record({ vendorMessage: undefined, reason: 'timed out after 30 s', httpStatus: 503 }));
    expect(text).toContain('Error: timed out after 30 s');
    expect(text).toContain('HTTP status: 503');
    expect(text).not.toContain('Reply from the endpoint');
    expect(html).toContain('timed out after 30 s');
  });

  it('escapes HTML in the HTML part only; text and subject keep the message verbatim', () => {
    const mail = mails.forNotification(record({ subject: '<b>6908</b>', vendorMessage: '<script>alert("x")</script> & more' }));
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more');
    expect(mail.html).toContain('&lt;b&gt;6908&lt;/b&gt;');
    expect(mail.text).toContain('<script>alert("x")</script> & more');
    expect(mail.subject).toContain('<b>6908</b>');
  });

  it('says when a SecuTix order was abandoned', () => {
    const mail = mails.forNotification(record({ type: 'delivery.abandoned', plugin: 'secutix', hook: 'order-closed', vendorMessage: undefined }));
    expect(mail.subject).toMatch(/SecuTix order 6908 was given up/);
    expect(mail.text).toContain('12 scheduled runs');
  });

  it('tells how to re-enable a disabled subscription', () => {
    const notification = record({ type: 'subscription.disabled', plugin: 'komerce', hook: 'order-status', vendorTitle: 'Komerce', reason: 'the endpoint answered 410 Gone', httpStatus: 410, vendorMessage: undefined, subject: undefined, deliveryId: undefined });
    expect(mails.templateFor(notification)).toBe('subscription-disabled');
    const mail = mails.forNotification(notification);
    expect(mail.subject).toBe('[hookbus] Komerce: your webhook to https://erp.example.com/komet/confirm was disabled');
    expect(mail.text).toContain('PATCH /v1/subscriptions/sub_1 with {"enabled": true}');
    expect(mail.text).toContain('410 Gone');
  });

  it('derives the Message-ID from the notification id, under the sender domain', () => {
    const first = mails.forNotification(record());
    expect(mails.forNotification(record({ at: '2026-02-02T00:00:00.000Z' })).messageId).toBe(first.messageId);
    expect(mails.forNotification(record({ id: 'other' })).messageId).not.toBe(first.messageId);
    expect(first.messageId).toMatch(/@mail\.example\.com>$/);
  });

  it('renders a digest with the count, the first items and how to recover them', () => {
    const window = {
      id: 'sub_1@1767268800000',
      subscriptionId: 'sub_1',
      tenantId: 'ten_1',
      startsAt: new Date('2026-01-01T12:00:00Z'),
      endsAt: new Date('2026-01-01T13:00:00Z'),
      sentCount: 3,
      suppressedCount: 5,
    } as NotificationWindow;
    const items = [record({ id: 'a', subject: '7001', vendorMessage: 'no <stock>' }), record({ id: 'b', subject: '7002', vendorMessage: undefined, reason: 'HTTP 503' })];
    const mail = mails.forDigest({ window, items });
    expect(mail.subject).toBe('[hookbus] Komet Sales: 5 more order confirmation failures at https://erp.example.com/komet/confirm');
    expect(mail.text).toContain('- Order 7001: no <stock>');
    expect(mail.text).toContain('- Order 7002: HTTP 503');
    expect(mail.text).toContain('… and 3 more.');
    expect(mail.text).toContain('POST /v1/deliveries/recover with {"since":"2026-01-01T12:00:00.000Z","until":"2026-01-01T13:00:00.000Z","subscriptionId":"sub_1"}');
    expect(mail.html).toContain('<li>Order 7001: no &lt;stock&gt;');
    expect(mail.html).not.toContain('Endpoint</th>');
    expect(mail.to).toEqual(['ops@example.com', 'dev@example.com']);
    expect(mail.messageId).toMatch(/@mail\.example\.com>$/);
  });
});

import path from 'node:path';
import type { NotificationRecordV1 } from '@hookbus/contracts';
import { MailTemplates, type MailSender, type OutgoingMail } from '@hookbus/mail';
import { NotificationMails } from '../mail/notification-mails';
import type { Claim, NotificationLedger } from './notification-ledger';
import { NotificationHandler } from './notification.handler';

const record: NotificationRecordV1 = {
  id: 'dlv_1:1:delivery.failed',
  type: 'delivery.failed',
  tenantId: 'ten_1',
  subscriptionId: 'sub_1',
  plugin: 'komet',
  hook: 'order-confirmation',
  url: 'https://erp.example.com/confirm',
  recipients: ['ops@example.com'],
  deliveryId: 'dlv_1',
  subject: '6908',
  reason: 'rejected',
  vendorMessage: 'unknown order',
  at: '2026-01-01T00:00:00.000Z',
};

describe('NotificationHandler', () => {
  let mails: NotificationMails;
  let sent: OutgoingMail[];
  let claims: Claim[];
  let marked: string[];
  let sender: MailSender;
  let ledger: Pick<NotificationLedger, 'claim' | 'markSent'>;
  const settings = { maxPerWindow: 3, windowSeconds: 3600, digestItems: 20, digestPollMs: 1000 };
  const handler = () => new NotificationHandler(ledger as NotificationLedger, mails, sender, settings);

  beforeAll(async () => {
    mails = new NotificationMails(await MailTemplates.load(path.join(__dirname, '..', 'templates')), { from: 'n@hookbus.test', consoleUrl: 'http://localhost:3001/console/' });
  });
  beforeEach(() => {
    sent = [];
    claims = [];
    marked = [];
    sender = { description: 'fake', send: async (mail) => void sent.push(mail), close: async () => undefined };
    ledger = {
      claim: jest.fn(async () => claims.shift() ?? 'duplicate'),
      markSent: jest.fn(async (id: string) => void marked.push(id)),
    };
  });

  it('sends, then records the notification as sent', async () => {
    claims.push('send');
    await handler().handle(record);
    expect(sent).toHaveLength(1);
    expect(sent[0].to).toEqual(['ops@example.com']);
    expect(marked).toEqual([record.id]);
  });

  it('neither claims nor sends anything for a notification without recipients', async () => {
    await handler().handle({ ...record, recipients: [] });
    expect(ledger.claim).not.toHaveBeenCalled();
    expect(sent).toEqual([]);
  });

  it.each<Claim>(['duplicate', 'suppressed'])('sends nothing when the ledger says %s', async (claim) => {
    claims.push(claim);
    await handler().handle(record);
    expect(sent).toEqual([]);
    expect(marked).toEqual([]);
  });

  it('after a send that was never recorded, sends again with the same Message-ID (the redelivery)', async () => {
    claims.push('send', 'resend');
    ledger.markSent = jest.fn().mockRejectedValueOnce(new Error('database gone')).mockResolvedValue(undefined);
    await expect(handler().handle(record)).rejects.toThrow('database gone');
    await handler().handle(record);
    expect(sent).toHaveLength(2);
    expect(sent[1].messageId).toBe(sent[0].messageId);
  });

  it('rejects (so the message is retried) and records nothing when the mail server fails', async () => {
    claims.push('send');
    sender.send = async () => {
      throw new Error('connection refused');
    };
    await expect(handler().handle(record)).rejects.toThrow('connection refused');
    expect(marked).toEqual([]);
  });
});

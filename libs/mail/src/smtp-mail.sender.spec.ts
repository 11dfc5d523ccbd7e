import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { messageIdFor } from './message-id';
import { MailRejectedError, SmtpMailSender } from './smtp-mail.sender';

describe('SmtpMailSender', () => {
  const received: { to: string[]; raw: Buffer }[] = [];
  let server: SMTPServer;
  let url: string;

  beforeAll(async () => {
    server = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      logger: false,
      onRcptTo: (address, _session, callback) =>
        callback(address.address.endsWith('@refused.test') ? Object.assign(new Error('no such user'), { responseCode: 550 }) : undefined),
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map(({ address }) => address), raw: Buffer.concat(chunks) });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const mail = (to: string[]) => ({
    from: 'notify@hookbus.test',
    to,
    subject: 'Subject',
    text: 'text',
    html: '<p>html</p>',
    messageId: messageIdFor(to.join(), 'hookbus.test'),
  });

  it('hands the mail to the SMTP server with its Message-ID', async () => {
    const sender = new SmtpMailSender(url);
    await sender.send(mail(['ops@example.com']));
    await sender.close();
    const [last] = received.slice(-1);
    expect(last.to).toEqual(['ops@example.com']);
    const parsed = await simpleParser(last.raw);
    expect(parsed.messageId).toBe(messageIdFor('ops@example.com', 'hookbus.test'));
  });

  it('rejects for good (not retriable) when the server refuses every recipient with 5xx', async () => {
    const sender = new SmtpMailSender(url);
    const error = await sender.send(mail(['nobody@refused.test'])).catch((rejection: unknown) => rejection);
    await sender.close();
    expect(error).toBeInstanceOf(MailRejectedError);
    expect(error).toMatchObject({ retriable: false, message: expect.stringContaining('no such user') });
  });

  it('rejects retriably when no server answers, so the notification waits for it', async () => {
    const sender = new SmtpMailSender('smtp://127.0.0.1:1');
    const error = await sender.send(mail(['ops@example.com'])).catch((rejection: unknown) => rejection);
    await sender.close();
    expect(String(error)).toContain('ECONNREFUSED');
    expect(error).not.toBeInstanceOf(MailRejectedError);
    expect((error as { retriable?: boolean }).retriable).toBeUndefined();
  });
});

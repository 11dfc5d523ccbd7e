import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { createMailSender } from './mail-sender.factory';
import { messageIdFor } from './message-id';
import { OutboxMailSender } from './outbox-mail.sender';

describe('OutboxMailSender', () => {
  let dir: string;
  beforeEach(async () => {
    dir = path.join(await mkdtemp(path.join(tmpdir(), 'outbox-')), 'outbox');
  });
  afterEach(() => rm(path.dirname(dir), { recursive: true, force: true }));

  const mail = {
    from: 'hookbus <notify@hookbus.test>',
    to: ['ops@example.com', 'dev@example.com'],
    subject: 'Order 6908 was not confirmed',
    text: 'plain <b>text</b>',
    html: '<p>html</p>',
    messageId: messageIdFor('n-1', 'hookbus.test'),
  };

  it('writes one .eml file per Message-ID (creating the directory, for the owner only), parseable as the mail sent', async () => {
    const sender = new OutboxMailSender(dir);
    await sender.send(mail);
    await sender.send(mail);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    const files = await readdir(dir);
    expect(files).toEqual([path.basename(sender.fileFor(mail.messageId))]);
    const parsed = await simpleParser(await readFile(path.join(dir, files[0])));
    expect(parsed.messageId).toBe(mail.messageId);
    expect(parsed.subject).toBe(mail.subject);
    expect(parsed.text?.trim()).toBe('plain <b>text</b>');
    expect(parsed.html).toContain('<p>html</p>');
    expect(parsed.to).toMatchObject({ value: [{ address: 'ops@example.com' }, { address: 'dev@example.com' }] });
  });

  it('is what the factory picks without an SMTP URL', () => {
    expect(createMailSender({ outboxDir: dir })).toBeInstanceOf(OutboxMailSender);
    expect(createMailSender({ outboxDir: dir, smtpUrl: 'smtp://127.0.0.1:2525' }).description).toBe('smtp://127.0.0.1:2525');
  });
});

describe('messageIdFor', () => {
  it('is deterministic per key and differs between keys', () => {
    expect(messageIdFor('a', 'x.test')).toBe(messageIdFor('a', 'x.test'));
    expect(messageIdFor('a', 'x.test')).not.toBe(messageIdFor('b', 'x.test'));
    expect(messageIdFor('a', 'x.test')).toMatch(/^<[A-Za-z0-9_-]{32}@x\.test>$/);
  });
});

import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { type NotificationRecordV1, Topics } from '@hookbus/contracts';
import type { KafkaBus } from '@hookbus/kafka';
import { pollUntil, testBus, testDatabases, uniquePrefix } from '@hookbus/testing';
import { ServiceProcess } from '../support/service-process';
import { SmtpSink, type SunkMail } from '../support/smtp-sink';

jest.setTimeout(90_000);

const GROUP = 'hookbus-notifier-service';
const id = (label: string) => `${label}_${randomBytes(4).toString('hex')}`;

function komet(subscriptionId: string, overrides: Partial<NotificationRecordV1> = {}): NotificationRecordV1 {
  const deliveryId = id('dlv');
  return {
    id: `${deliveryId}:1:delivery.failed`,
    type: 'delivery.failed',
    tenantId: 'ten_e2e',
    subscriptionId,
    plugin: 'komet',
    hook: 'order-confirmation',
    // The words delivery-service takes from the komet plugin's definition.
    vendorTitle: 'Komet Sales',
    subjectLabel: 'Order',
    url: 'https://erp.example.com/komet/confirm',
    recipients: [`ops-${subscriptionId}@example.com`, `dev-${subscriptionId}@example.com`],
    deliveryId,
    eventId: id('evt'),
    subject: String(6000 + Math.floor(Math.random() * 3000)),
    attempt: 1,
    httpStatus: 200,
    reason: 'rejected by the receiver (status 0)',
    vendorMessage: 'Pedido no encontrado: <6908> & "duplicado"',
    at: new Date().toISOString(),
    ...overrides,
  };
}

const publish = (bus: KafkaBus, ...records: NotificationRecordV1[]) =>
  bus.publish(Topics.notifications.name, records.map((record) => ({ key: record.subscriptionId, value: JSON.stringify(record) })));

const header = (mail: SunkMail, name: string) => mail.parsed.headers.get(name) as string | undefined;
const about = (record: NotificationRecordV1) => (mail: SunkMail) => header(mail, 'x-hookbus-notification') === record.id;
const ofSubscription = (subscriptionId: string) => (mail: SunkMail) => header(mail, 'x-hookbus-subscription') === subscriptionId;

/** Every offset of the notifications topic is committed by the notifier's group. */
const allCommitted = (bus: KafkaBus) =>
  pollUntil('the notifier committed every notification', async () => {
    const [ends, committed] = await Promise.all([bus.endOffsets(Topics.notifications.name), bus.committedOffsets(GROUP, Topics.notifications.name)]);
    return [...ends].every(([partition, end]) => end === 0n || committed.get(partition) === end);
  });

describe.each(testDatabases())('notifier-service over SMTP on $label (built process, real broker, real SMTP sink)', (database) => {
  let sink: SmtpSink;
  let bus: KafkaBus;
  let service: ServiceProcess;

  beforeAll(async () => {
    await database.create();
    sink = await SmtpSink.start();
    const prefix = uniquePrefix('notifier');
    bus = await testBus(prefix);
    service = await ServiceProcess.spawn('notifier-service', {
      KAFKA_TOPIC_PREFIX: prefix,
      DATABASE_URL: database.url,
      SMTP_URL: sink.url,
      MAIL_FROM: 'hookbus <notify@hookbus.test>',
      HOOKBUS_CONSOLE_URL: 'https://hookbus.example.com/console/',
      NOTIFY_MAX_PER_WINDOW: '2',
      NOTIFY_WINDOW_SECONDS: '3',
      NOTIFY_DIGEST_POLL_MS: '200',
    }).then((process) => process.ready());
  });
  afterAll(async () => {
    expect(await service?.stop()).toBe(0);
    await bus?.disconnect();
    await sink?.stop();
    await database.drop();
  });

  it('e-mails a Komet rejection to the subscription contacts: order, endpoint and the vendor message', async () => {
    const record = komet(id('sub'));
    await publish(bus, record);
    const [mail] = await sink.waitFor(1, about(record));
    expect([...mail.envelope.to].sort()).toEqual([...record.recipients].sort());
    expect([...mail.to].sort()).toEqual([...record.recipients].sort());
    expect(mail.envelope.from).toBe('notify@hookbus.test');
    expect(mail.subject).toBe(`[hookbus] Komet order ${record.subject} was not confirmed`);
    expect(mail.messageId).toMatch(/^<[A-Za-z0-9_-]{32}@hookbus\.test>$/);
    expect(mail.text).toContain(`Order: ${record.subject}`);
    expect(mail.text).toContain('Endpoint: https://erp.example.com/komet/confirm');
    expect(mail.text).toContain('Reply from the endpoint: Pedido no encontrado: <6908> & "duplicado"');
    expect(mail.text).toContain(`reconfirm the order: open https://hookbus.example.com/console/deliveries/${record.deliveryId} and click Reconfirm.`);
    expect(mail.html).toContain(`<a href="https://hookbus.example.com/console/deliveries/${record.deliveryId}">`);
    expect(mail.html).toContain('Pedido no encontrado: &lt;6908&gt; &amp; &quot;duplicado&quot;');
    expect(mail.html).toContain(record.subject);
  });

  it('sends one e-mail for a notification published twice', async () => {
    const subscriptionId = id('sub');
    const record = komet(subscriptionId);
    const marker = komet(subscriptionId);
    await publish(bus, record);
    await publish(bus, record);
    // Same key, same partition, handled in order: once the marker's mail is here, both copies were handled.
    await publish(bus, marker);
    await sink.waitFor(1, about(marker));
    expect(sink.messages.filter(about(record))).toHaveLength(1);
    await service.waitForLog('the copy was recognised', (log) => log.message === 'notification already handled' && log.id === record.id);
  });

  it('sends nothing for a notification without recipients, and commits it', async () => {
    const subscriptionId = id('sub');
    const nobody = komet(subscriptionId, { recipients: [] });
    const marker = komet(subscriptionId);
    await publish(bus, nobody, marker);
    await sink.waitFor(1, about(marker));
    expect(sink.messages.filter(about(nobody))).toEqual([]);
    await allCommitted(bus);
  });

  it('summarises a storm: two individual e-mails, then one digest of the rest when the window closes', async () => {
    const subscriptionId = id('sub');
    const storm = Array.from({ length: 5 }, (_, i) => komet(subscriptionId, { subject: String(8100 + i), vendorMessage: `stock error ${i}` }));
    await publish(bus, ...storm);
    const digestOf = (mail: SunkMail) => ofSubscription(subscriptionId)(mail) && header(mail, 'x-hookbus-digest') !== undefined;
    const [digest] = await sink.waitFor(1, digestOf);
    const mails = sink.messages.filter(ofSubscription(subscriptionId));
    expect(mails).toHaveLength(3);
    expect(mails.filter(about(storm[0]))).toHaveLength(1);
    expect(mails.filter(about(storm[1]))).toHaveLength(1);
    expect(digest.subject).toBe('[hookbus] Komet Sales: 3 more order confirmation failures at https://erp.example.com/komet/confirm');
    for (const i of [2, 3, 4]) expect(digest.text).toContain(`- Order ${8100 + i}: stock error ${i}`);
    expect(digest.text).not.toContain('Order 8100:');
    expect([...digest.envelope.to].sort()).toEqual([...storm[4].recipients].sort());
    // The first digest of this process: recorded as done once it went out.
    const metrics = () => fetch(`${service.url}/metrics`).then((response) => response.text());
    await pollUntil('the digest is counted', async () => /hookbus_notifier_digests_sent_total 1\b/.test(await metrics()));
    expect(await metrics()).toMatch(/hookbus_notifier_notifications_suppressed_total 3\b/);
  });

  it('never suppresses subscription.disabled, even in a storm', async () => {
    const subscriptionId = id('sub');
    const storm = Array.from({ length: 3 }, () => komet(subscriptionId));
    const disabled = komet(subscriptionId, { id: `${subscriptionId}:disabled`, type: 'subscription.disabled', reason: 'the endpoint answered 410 Gone', httpStatus: 410, vendorMessage: undefined });
    await publish(bus, ...storm, disabled);
    const [mail] = await sink.waitFor(1, about(disabled));
    expect(mail.subject).toBe('[hookbus] Komet Sales: your webhook to https://erp.example.com/komet/confirm was disabled');
    expect(mail.text).toContain(`PATCH /v1/subscriptions/${subscriptionId}`);
    expect(sink.messages.filter(about(storm[2]))).toEqual([]);
  });
});

describe('notifier-service without SMTP_URL (built process, real broker)', () => {
  const [database] = testDatabases();
  let outbox: string;
  let bus: KafkaBus;
  let service: ServiceProcess;

  beforeAll(async () => {
    outbox = path.join(await mkdtemp(path.join(tmpdir(), 'notifier-outbox-')), 'outbox');
    const prefix = uniquePrefix('notifier-outbox');
    bus = await testBus(prefix);
    service = await ServiceProcess.spawn('notifier-service', {
      KAFKA_TOPIC_PREFIX: prefix,
      DATABASE_URL: database.url,
      MAIL_OUTBOX_DIR: outbox,
    }).then((process) => process.ready());
  });
  afterAll(async () => {
    expect(await service?.stop()).toBe(0);
    await bus?.disconnect();
    await database.drop();
    await rm(path.dirname(outbox), { recursive: true, force: true });
  });

  it('writes the e-mail as an .eml file into MAIL_OUTBOX_DIR', async () => {
    const record = komet(id('sub'), { plugin: 'komerce', hook: 'order-status', vendorTitle: 'Komerce', subject: 'KOM-1234', vendorMessage: undefined, reason: 'HTTP 503 after 4 attempts', httpStatus: 503 });
    await publish(bus, record);
    const [file] = await pollUntil('an .eml file is in the outbox', async () => {
      const files = await readdir(outbox).catch(() => []);
      return files.filter((name) => name.endsWith('.eml')).length > 0 && files;
    });
    const mail = await simpleParser(await readFile(path.join(outbox, file)));
    expect(mail.subject).toBe('[hookbus] Komerce status update for order KOM-1234 was not delivered');
    expect(mail.text).toContain('Error: HTTP 503 after 4 attempts');
    expect(mail.text).toContain('HTTP status: 503');
    expect(mail.headers.get('x-hookbus-notification')).toBe(record.id);
  });
});

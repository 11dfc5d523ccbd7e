import type { MailSender, OutgoingMail } from '@hookbus/mail';
import { metricsRegistry } from '@hookbus/platform';
import { countingSendFailures } from './counting-mail-sender';

const failures = async () => (await metricsRegistry.getSingleMetric('hookbus_notifier_email_send_failures_total')?.get())?.values[0]?.value ?? 0;
const mail: OutgoingMail = { from: 'hookbus <n@hookbus.local>', to: ['ops@example.com'], subject: 's', text: 't', html: '<p>t</p>', messageId: '<m@hookbus.local>' };

describe('countingSendFailures', () => {
  it('counts each e-mail the sender failed to hand over and fails as it did; a sent one is not counted', async () => {
    let down = true;
    const sent: OutgoingMail[] = [];
    const sender: MailSender = {
      description: 'smtp://mail:587',
      send: async (outgoing) => {
        if (down) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
        sent.push(outgoing);
      },
      close: async () => undefined,
    };
    const counted = countingSendFailures(sender);
    const before = await failures();

    await expect(counted.send(mail)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await expect(counted.send(mail)).rejects.toThrow('ECONNREFUSED');
    down = false;
    await counted.send(mail);

    expect(await failures()).toBe(before + 2);
    expect(sent).toEqual([mail]);
    expect(counted.description).toBe('smtp://mail:587');
  });
});

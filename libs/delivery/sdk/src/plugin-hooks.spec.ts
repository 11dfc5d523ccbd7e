import { notificationWords } from './plugin-hooks';

describe('notificationWords', () => {
  const plugin = {
    title: 'Acme Orders',
    hooks: [
      { name: 'order-paid', eventTypes: ['order.confirmed'], subjectLabel: 'Order' },
      { name: 'everything', eventTypes: ['order.confirmed', 'order.completed'] },
    ],
  } as const;

  it('names the vendor by its title and the subject in the hook’s words', () => {
    expect(notificationWords(plugin, 'order-paid')).toEqual({ vendorTitle: 'Acme Orders', subjectLabel: 'Order' });
  });

  it('leaves the subject label out when the hook has none, so the e-mail says "Subject"', () => {
    expect(notificationWords(plugin, 'everything')).toEqual({ vendorTitle: 'Acme Orders' });
  });

  it('still names the vendor for a hook the plugin no longer has', () => {
    expect(notificationWords(plugin, 'gone')).toEqual({ vendorTitle: 'Acme Orders' });
  });
});

import { notificationRecordV1 } from './delivery-records';
import { EVENT_TYPES, EventTypes, NOTIFICATION_EVENT_TYPES } from './event-types';

describe('EventTypes', () => {
  it('lists the commerce events, then the notification events, in the order of the DESIGN table', () => {
    expect(EVENT_TYPES).toEqual([
      'order.confirmed',
      'order.cancelled',
      'payment.cancelled',
      'shipment.status_changed',
      'order.closed',
      ...NOTIFICATION_EVENT_TYPES,
    ]);
  });

  it('knows each type by its data alone: which plugins deliver it is theirs to declare', () => {
    for (const type of EVENT_TYPES) expect(Object.keys(EventTypes[type])).toEqual(['data']);
  });

  it('has the 10 togglable notification events, each taking free-form data', () => {
    expect(NOTIFICATION_EVENT_TYPES).toHaveLength(10);
    for (const type of NOTIFICATION_EVENT_TYPES) {
      expect(EventTypes[type].data.safeParse({ anything: [1, 'two'] }).success).toBe(true);
      expect(EventTypes[type].data.safeParse('not an object').success).toBe(false);
    }
  });
});

describe('notificationRecordV1', () => {
  const record = {
    id: 'dlv_1:1:delivery.failed',
    type: 'delivery.failed',
    tenantId: 'tnt_1',
    subscriptionId: 'sub_1',
    plugin: 'komet',
    hook: 'payment-cancellation',
    url: 'https://erp.example.com/hook',
    recipients: ['ops@example.com'],
    reason: 'HTTP 500',
    at: '2025-03-14T09:26:53.589Z',
  };

  it('still decodes a record written before it carried the vendor’s words', () => {
    const parsed = notificationRecordV1.parse(record);
    expect(parsed.vendorTitle).toBeUndefined();
    expect(parsed.subjectLabel).toBeUndefined();
  });

  it('carries the vendor’s title and the hook’s word for the subject', () => {
    const parsed = notificationRecordV1.parse({ ...record, vendorTitle: 'Komet Sales', subjectLabel: 'Payment' });
    expect(parsed).toMatchObject({ vendorTitle: 'Komet Sales', subjectLabel: 'Payment' });
  });
});

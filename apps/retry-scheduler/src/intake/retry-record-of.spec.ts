import type { DeadLetterRecordV1 } from '@hookbus/contracts';
import { retryRecordOf } from './pending-release.rows';

const event = {
  specversion: '1.0',
  id: 'evt_1',
  source: '/tests',
  type: 'order.confirmed',
  time: '2026-01-01T00:00:00.000Z',
  subject: '6908',
  tenantid: 'ten_1',
  data: { companyId: 1, orderId: 6908 },
} as DeadLetterRecordV1['event'];
const deadLetter: DeadLetterRecordV1 = {
  ...{ deliveryId: 'dlv_1', eventId: 'evt_1', subscriptionId: 'sub_1', tenantId: 'ten_1', plugin: 'komet', hook: 'order-confirmation' },
  ...{ attempt: 2, deferrals: 1, dueAt: '2026-01-01T00:01:00.000Z', reason: 'HTTP 503', event },
};

describe('retryRecordOf', () => {
  it('keeps the plugin and hook, so that the deployment hosting the plugin takes the retry', () => {
    expect(retryRecordOf(deadLetter)).toEqual({
      ...{ deliveryId: 'dlv_1', eventId: 'evt_1', subscriptionId: 'sub_1', tenantId: 'ten_1', plugin: 'komet', hook: 'order-confirmation' },
      ...{ attempt: 2, deferrals: 1, event, manual: false },
    });
  });

  it("keeps the failed attempt's traceparent, so that the released retry links to that attempt", () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    expect(retryRecordOf({ ...deadLetter, traceparent })).toMatchObject({ traceparent });
    expect(retryRecordOf(deadLetter)).not.toHaveProperty('traceparent');
  });

  it('adds no plugin or hook to a dead letter written before it named them', () => {
    const { plugin: _plugin, hook: _hook, ...older } = deadLetter;
    expect(retryRecordOf(older)).not.toHaveProperty('plugin');
    expect(retryRecordOf(older)).not.toHaveProperty('hook');
  });
});

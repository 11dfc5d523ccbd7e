import { NOTIFICATION_EVENT_TYPES } from '@hookbus/contracts';
import { routedHooks } from './plugin-hooks';

describe('routedHooks', () => {
  it('groups the event types routed to a plugin by hook', () => {
    expect(routedHooks('komet')).toEqual([
      { name: 'order-confirmation', eventTypes: ['order.confirmed'] },
      { name: 'order-cancellation', eventTypes: ['order.cancelled'] },
      { name: 'payment-cancellation', eventTypes: ['payment.cancelled'] },
    ]);
  });

  it('names each postback hook after its event type', () => {
    expect(routedHooks('postback')).toEqual(NOTIFICATION_EVENT_TYPES.map((type) => ({ name: type, eventTypes: [type] })));
  });
});

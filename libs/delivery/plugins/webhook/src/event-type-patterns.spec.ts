import { EVENT_TYPES, zodIssues } from '@hookbus/contracts';
import { eventTypeEntrySchema, eventTypeMatches } from './event-type-patterns';

describe('event type entries', () => {
  it('match an event type exactly, or every type under a prefix.* pattern', () => {
    expect(eventTypeMatches('order.confirmed', 'order.confirmed')).toBe(true);
    expect(eventTypeMatches('order.confirmed', 'order.cancelled')).toBe(false);
    expect(EVENT_TYPES.filter((type) => eventTypeMatches('order.*', type))).toEqual(['order.confirmed', 'order.cancelled', 'order.closed', 'order.completed']);
    expect(eventTypeMatches('order.*', 'orders.created')).toBe(false);
    expect(eventTypeMatches('shipment.*', 'shipping.tracking_updated')).toBe(false);
  });

  it.each(['order.confirmed', 'order.*', 'transaction.*', 'survey.completed'])('accept %s', (entry) => {
    expect(eventTypeEntrySchema.safeParse(entry).success).toBe(true);
  });

  it.each(['order.shipped', 'ordr.*', 'order', '*', 'order.*.x', ''])('refuse %j, naming the rule', (entry) => {
    const result = eventTypeEntrySchema.safeParse(entry);
    expect(result.success || zodIssues(result.error).map(({ rule }) => rule)).toEqual(['unknown_event_type']);
  });
});

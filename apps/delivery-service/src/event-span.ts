import type { HookbusEvent } from '@hookbus/contracts';

/** What the spans of an event's handling say about it. */
export const eventAttributes = (event: HookbusEvent) => ({
  'cloudevents.event_id': event.id,
  'cloudevents.event_type': event.type,
  'hookbus.tenant.id': event.tenantid,
});

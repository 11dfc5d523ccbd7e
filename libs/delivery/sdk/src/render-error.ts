import { describeIssues, EventTypes, hasValidatedData, toIssues, type EventData, type EventType, type HookbusEvent } from '@hookbus/contracts';

/**
 * An event a plugin cannot render (wrong type, data missing what the dialect needs). Not
 * retriable: the same event renders the same way next time, so the delivery fails at once.
 */
export class RenderError extends Error {
  readonly code = 'render_failed';
  readonly retriable = false;

  constructor(message: string) {
    super(message);
    this.name = 'RenderError';
  }
}

/** The event's data, validated against its type's schema in contracts; throws a `RenderError`. */
export function eventDataOf<T extends EventType>(event: HookbusEvent, type: T): EventData<T> {
  if (event.type !== type) throw new RenderError(`expected a ${type} event, got ${event.type}`);
  // Decoding checked it against this very schema already: a second parse would only copy it.
  if (hasValidatedData(event)) return event.data as EventData<T>;
  const parsed = EventTypes[type].data.safeParse(event.data);
  if (!parsed.success) throw new RenderError(`${type} event ${event.id}: ${describeIssues(toIssues(parsed.error, ['data']))}`);
  return parsed.data as EventData<T>;
}

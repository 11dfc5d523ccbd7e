import type { z } from 'zod';
import type { EventData, EventType, EventTypes, Origin } from '@hookbus/contracts';

/** One event of type `T` as a producer gives it: `data` is typed by the contract of `T`. */
export interface EventInput<T extends EventType = EventType> {
  readonly type: T;
  /** What the event is about (an order, a payment, …): events of one subject are delivered in order. */
  readonly subject: string;
  readonly data: z.input<(typeof EventTypes)[T]['data']>;
  /** Defaults to the client's `source`. */
  readonly source?: string;
  /** Defaults to now. */
  readonly time?: string | Date;
  /** Defaults to a random UUID. Made once, before the first try, so every retry sends the same id. */
  readonly id?: string;
  readonly origin?: Origin;
  /**
   * The producer's span (W3C trace context), sent as the CloudEvents distributed-tracing extension:
   * with tracing on, hookbus's spans of this event continue it.
   */
  readonly traceparent?: string;
  readonly tracestate?: string;
}

/** Any event the contracts define; a batch may mix types, each checked against its own. */
export type AnyEventInput = { [T in EventType]: EventInput<T> }[EventType];

/** The CloudEvent the client sent for an EventInput<T>. */
export interface PublishedEvent<T extends EventType = EventType> {
  readonly specversion: '1.0';
  readonly id: string;
  readonly source: string;
  readonly type: T;
  readonly time: string;
  readonly subject: string;
  readonly origin?: Origin;
  readonly traceparent?: string;
  readonly tracestate?: string;
  /** Present when the transport names the tenant (Kafka); over HTTP, ingest-service sets the key's. */
  readonly tenantid?: string;
  readonly data: EventData<T>;
}

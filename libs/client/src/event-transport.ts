import type { PublishedEvent } from './event-input';

/** An event that passed the contract, with the JSON that carries it. */
export interface OutgoingEvent {
  readonly event: PublishedEvent;
  readonly json: string;
}

/** How events reach the platform: ingest-service over HTTP, or the events topic directly. */
export interface EventTransport {
  /** The tenant the events belong to, when this path names it (Kafka); over HTTP the key decides. */
  readonly tenantId?: string;
  /** The events in the groups that go in one request each, in order. */
  batches(events: readonly OutgoingEvent[]): OutgoingEvent[][];
  /** Resolves once the platform has stored the batch; throws a HookbusError (or kafkajs's) otherwise. */
  send(batch: readonly OutgoingEvent[]): Promise<void>;
  /** Lets go of what the transport opened itself. */
  close(): Promise<void>;
}

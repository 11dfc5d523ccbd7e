import type { EventType } from '@hookbus/contracts';
import { HookbusError } from './client-errors';
import type { AnyEventInput, EventInput, PublishedEvent } from './event-input';
import type { EventTransport } from './event-transport';
import { prepareEvents } from './prepared-events';

export interface HookbusClientOptions {
  /** The CloudEvents `source` of events that name none, e.g. `urn:shop:orders`. */
  readonly source: string;
  /** `new IngestTransport({url, key})` (HTTP, a producer key) or `new KafkaTransport({…})`. */
  readonly transport: EventTransport;
}

/**
 * Publishes events the contracts define. Each is checked against its contract before anything is
 * sent (InvalidEventError); its id is made once, so the transport's retries resend the same event.
 * Errors are HookbusErrors whose `unconfirmed` events can be published again safely.
 */
export class HookbusClient {
  constructor(private readonly options: HookbusClientOptions) {}

  /** Resolves with the CloudEvent once the platform has stored it. */
  async publish<T extends EventType>(input: EventInput<T>): Promise<PublishedEvent<T>> {
    const [event] = await this.send([input as AnyEventInput], false);
    return event as PublishedEvent<T>;
  }

  /** Resolves with the CloudEvents, in order, once the platform has stored them all. */
  publishBatch(inputs: readonly AnyEventInput[]): Promise<PublishedEvent[]> {
    return this.send(inputs, true);
  }

  close(): Promise<void> {
    return this.options.transport.close();
  }

  private async send(inputs: readonly AnyEventInput[], indexed: boolean): Promise<PublishedEvent[]> {
    const { source, transport } = this.options;
    const events = prepareEvents(inputs, { source, tenantId: transport.tenantId }, indexed);
    let confirmed = 0;
    for (const batch of transport.batches(events)) {
      try {
        await transport.send(batch);
      } catch (error) {
        // kafkajs's own errors too, so every failed publish says what to publish again.
        const failure = error instanceof HookbusError ? error : new HookbusError(`publishing failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        failure.unconfirmed = events.slice(confirmed).map(({ event }) => event);
        throw failure;
      }
      confirmed += batch.length;
    }
    return events.map(({ event }) => event);
  }
}
